import re, collections, itertools, unicodedata
import os
D=os.path.dirname(os.path.abspath(__file__))+'/'
FILES=['heldout.tsv','train.tsv','train-2.tsv','uk-ar.tsv','fresh.tsv','fresh-2.tsv','fresh-3.tsv','fresh-4.tsv','fresh-5.tsv','fresh-6.tsv','fresh-7.tsv','fresh-8.tsv','fresh-9.tsv','fresh-10.tsv','fresh-11.tsv','fresh-12.tsv','fresh-13.tsv','fresh-14.tsv','fresh-15.tsv','fresh-16.tsv','fresh-17.tsv','fresh-18.tsv','fresh-19.tsv','fresh-20.tsv','fresh-21.tsv','fresh-22.tsv','fresh-23.tsv','fresh-24.tsv','laughter.tsv','probes.tsv']
LANGS={'da','en','uk','ar'}
CATS={'selvmord','selvskade','forgiftning','vold-mod-barn','vold-mellem-voksne','seksuelle-overgreb','grooming','trusler-og-vaaben','barn-savnet-eller-alene','intet-sted-at-sove','calm'}
ok=True; seen={}; norm={}; rows=collections.defaultdict(list)
def nz(t):
    t=t.lower().replace('æ','ae').replace('ø','oe').replace('å','aa')
    return re.sub(r'[\W_]+',' ',t).strip()
for f in FILES:
    for i,ln in enumerate(open(D+f,encoding='utf-8'),1):
        ln=ln.rstrip('\n')
        if ln.startswith('#') or not ln.strip(): continue
        p=ln.split('\t')
        # lang, text, expected slugs, acute|calm, category (acute only): the columns of
        # ../shared/eval/dev-guide.tsv plus the category.
        if len(p) not in (4,5): print('BAD COLS',f,i,ln); ok=False; continue
        l,t,slugs,flag=p[:4]
        c=p[4] if flag=='acute' and len(p)==5 else 'calm'
        if flag=='acute' and (len(p)!=5 or slugs!='akut-hjaelp'): print('BAD ACUTE ROW',f,i); ok=False
        if flag=='calm' and (slugs or (len(p)==5 and p[4])): print('BAD CALM ROW',f,i); ok=False
        if l not in LANGS: print('BAD LANG',f,i,l); ok=False
        if c not in CATS: print('BAD CAT',f,i,c); ok=False
        if not t.strip() or '\r' in t: print('BAD TEXT',f,i); ok=False
        if t in seen: print('DUP',f,i,'=',seen[t],t); ok=False
        seen[t]=(f,i)
        n=nz(t)
        if n in norm: print('NEAR-DUP (normalised)',f,i,'=',norm[n],t); ok=False
        norm[n]=(f,i)
        rows[f].append((l,c,t))
print('ALL OK' if ok else 'PROBLEMS FOUND')
for f in FILES:
    r=rows[f]
    print(f'\n== {f}: {len(r)} lines; acute {sum(c!="calm" for _,c,_ in r)}, calm {sum(c=="calm" for _,c,_ in r)}')
    bycat=collections.Counter(c for _,c,_ in r)
    bylang=collections.Counter(l for l,_,_ in r)
    for c in sorted(CATS, key=lambda x:(x=='calm',x)):
        per=collections.Counter(l for l,cc,_ in r if cc==c)
        print(f'  {c:26s} {bycat[c]:4d}  '+' '.join(f'{k}={v}' for k,v in sorted(per.items())))
    print('  by lang:',dict(sorted(bylang.items())))
