# Dansk: al tekst i sitets ramme (menuer, knapper, overskrifter). Indholdet står i content/.

## Rammen
skip-link = Spring til indholdet
quick-exit = Forlad siden
quick-exit-hint = Eller tryk Esc
hide-visit = Skjul dit besøg
nav-main = Hovedmenu
nav-guide = Få hjælp
nav-search = Søg
nav-entry-points = Indgange
nav-services = Tilbud
nav-courses = Kurser
nav-how-we-work = Sådan arbejder vi
lang-nav = Sprog
acute-bar-label = Akut hjælp
acute-bar = Akut fare? Ring 112. Brug for at tale med nogen nu? Se akut hjælp
breadcrumbs = Brødkrumme
home = Forside
footer-about = { $municipality } – hjælp til børn, unge og familier. Sitet gemmer ingen oplysninger om dig.
footer-accessibility = Tilgængelighedserklæring
footer-privacy = Privatliv og cookies
footer-strategy = Om strategien
footer-municipality-web = Kommunens hjemmeside

## Forsiden
home-title = Find hjælp til børn, unge og familier
home-description = Bekymret for et barn eller for dig selv? Find den rette hjælp i kommunen. Ét sted at starte. Du kan være anonym.
home-heading = Find hjælp
home-lead = Er du bekymret for et barn, en ung eller dig selv? Her finder du den rette hjælp. Du behøver ikke kende kommunen først.
acute-heading = Er nogen i fare lige nu?
acute-text = Ring 112, hvis nogen er i fare. Ring til BørneTelefonen på 116 111, hvis du er barn eller ung og har brug for at tale med nogen.
acute-link = Se akut hjælp
doors-heading = Hvem er du?
door-foraelder = Jeg er forælder
door-ung = Jeg er ung
door-fagperson = Jeg er fagperson
guide-entry-heading = Find vej med få spørgsmål
guide-entry-text = Svar på nogle få spørgsmål, så viser vi, hvor du kan få hjælp. Du skal ikke skrive dit navn.
guide-entry-start = Start guiden
chat-label = Eller skriv med dine egne ord
chat-hint = Skriv kort, hvad det handler om. Skriv ikke navne. Vi gemmer ikke det, du skriver.
chat-button = Find hjælp
search-heading = Søg
search-label = Søg efter hjælp
search-button = Søg
entry-points-heading = Her kan du henvende dig

## Typer af indhold
kind-indgang = Indgang
kind-tilbud = Tilbud
kind-kursus = Kursus
kind-partner = Frivillig organisation
kind-side = Sådan arbejder vi
kinds-indgang = Indgange
kinds-tilbud = Tilbud
kinds-kursus = Kurser
kinds-partner = Frivillige organisationer
kinds-side = Sådan arbejder vi
kinds-indgang-description = Her kan du henvende dig. Hver indgang tager imod dig og hjælper dig videre.
kinds-tilbud-description = Den hjælp, kommunen kan give børn, unge og familier.
kinds-kursus-description = Kurser og grupper for børn, unge og forældre. De er gratis.
kinds-partner-description = Foreninger og organisationer, som kommunen samarbejder med.
kinds-side-description = Sådan arbejder kommunen, og det har du ret til.

## Lister og filtre
filter-legend = Vis kun
filter-audience = Hvem er det til?
filter-age = Barnets eller den unges alder
filter-topic = Emne
filter-all = Alle
filter-button = Vis
listing-count = { $count ->
    [one] Viser 1
   *[other] Viser { $count }
}
listing-empty = Intet passer til dit valg. Prøv at vælge færre ting.
pager-label = Sider
pager-previous = ← Forrige side
pager-next = Næste side →
pager-position = Side { $page } af { $pages }
see-all-entry-points = Se alle { $count } indgange
audience-foraeldre = Forældre
audience-unge = Unge
audience-fagpersoner = Fagpersoner

## Sider med indhold
not-translated = Denne side findes kun på dansk.
contact-heading = Sådan kommer du i kontakt
contact-phone = Telefon
contact-email = E-mail
contact-address = Adresse
contact-hours = Åbent
contact-web = Hjemmeside
contact-switchboard = Ring til { $municipality }s hovednummer, og spørg efter denne hjælp. Du finder nummeret på kommunens hjemmeside:
fact-anonymous = Anonym
fact-referral = Henvisning
fact-wait = Ventetid
fact-age = Alder
fact-age-range = { $from }–{ $to } år
fact-provider = Hvem står bag
fact-legal-basis = Lov
fact-without-parents = Kan bruges uden dine forældre
fact-parents-told = Får mine forældre det at vide?
fact-cost = Pris
fact-where = Hvor
facts-heading = Det skal du vide
fact-unknown-note = »Ukendt« betyder, at vi ikke har en sikker kilde endnu. Spørg, når du tager kontakt.
answer-ja = Ja
answer-nej = Nej
answer-delvist = Delvist
answer-ukendt = Ukendt
contact-see-hours = Se åbningstider på { $site }
contact-unknown = Vi kender ikke kontaktoplysningerne endnu. Læs på siden, hvordan du kommer i kontakt.
sources-label = Kilder:{" "}
sources-checked = (tjekket { $date })
last-reviewed = Sidst gennemgået { $date }.
sessions-none = Næste hold er ikke fastlagt.
course-ask = Spørg om næste hold
related-heading = Anden hjælp, der kan passe
sessions-heading = Næste datoer
course-place = Sted
course-capacity = Plads til { $count } deltagere.
course-signup = Tilmelding
course-add-to-calendar = Tilføj til kalender

## Fejl
not-found-title = Siden findes ikke
not-found-text = Vi kan ikke finde den side. Måske er den flyttet. Søg herunder, eller start guiden.
bad-request-title = Det kunne vi ikke forstå
bad-filter = Et af valgene i filteret findes ikke. Gå tilbage, og vælg igen.
bad-age = Alderen skal være et tal fra 0 til 30.
bad-page = Sidetallet skal være et helt tal fra 1 og op.
bad-encoding = Adressen indeholder tegn, vi ikke kan læse. Skriv din søgning igen.
too-large = Det, du sendte, er for langt. Skriv det kortere, og prøv igen.

## Søgning
search-title = Søg efter hjælp
search-description = Søg i kommunens hjælp til børn, unge og familier. Skriv med dine egne ord.
search-count = { $count ->
    [0] Ingen resultater for »{ $query }«
    [one] 1 resultat for »{ $query }«
   *[other] { $count } resultater for »{ $query }«
}
search-empty-query = Skriv, hvad du leder efter. Brug gerne dine egne ord, fx »angst«, »skilsmisse« eller »hash«.
search-filters = Afgræns resultaterne
search-filter-kind = Type
search-filter-parents = For unge
search-filter-without-parents = Kan bruges uden mine forældre
search-did-you-mean = Mente du:
search-no-hits = Vi fandt ikke noget. Prøv et andet ord, eller svar på nogle få spørgsmål i guiden.
bad-limit = Antallet af resultater skal være et tal fra 1 til 50.
query-too-long = Søgningen er for lang. Skriv højst 500 tegn.

## Guiden
guide-title = Guiden
guide-description = Svar på få spørgsmål, og se hvor du kan få hjælp. Du er anonym.
guide-next = Næste
guide-back = Tilbage
guide-restart = Start forfra
guide-your-answers = Dine svar
guide-change = Ret
guide-change-label = Ret dit svar på: { $question }
guide-age-label = Alder i år
guide-error-prefix = Fejl:
guide-error-title = Der er et problem
guide-error-no-answer = Vælg et svar.
guide-error-too-many = Vælg kun ét svar.
guide-error-unknown-option = Vælg et af de viste svar.
guide-error-exclusive = »Ingen af dem« og »Ved ikke« kan ikke vælges sammen med andre svar.
guide-error-age = Skriv alderen som et tal, fx 12.
guide-error-no-rule = Guiden har ikke et svar på det endnu. Kontakt kommunen.
guide-bad-question = Det spørgsmål findes ikke i guiden. Start forfra.
guide-outcome-title = Her kan du få hjælp
guide-outcome-acute-title = Få hjælp nu
guide-entry-label = Start her
guide-next-steps = Det sker, når du tager kontakt
guide-more-help = Anden hjælp, der kan passe
guide-chat-empty = Skriv et par ord om, hvad det handler om. Eller svar på spørgsmålet herunder.
guide-chat-one-more = Tak. Vi har brug for at vide én ting mere for at finde den rette hjælp.
guide-found-by-search = Siden passer til ordene i din besked.
guide-not-understood-title = Vi forstod det ikke helt
guide-not-understood = Vi kunne ikke se, hvad du har brug for hjælp til. Svar på spørgsmålet herunder, eller se søgeresultaterne.
guide-search-results = Det fandt vi, da vi søgte
guide-search-reason = Fundet ved søgning på dine ord.
guide-text-too-long = Teksten er for lang. Skriv højst 2000 tegn.

# Open data (/api/hsds/): the municipality as an organization.
opendata-municipality-description = { $municipality } står bag { $site }: kommunens hjælp til børn, unge og familier samlet ét sted.
