# العربية: كل نصوص إطار الموقع (القوائم والأزرار والعناوين). محتوى الصفحات موجود في content/.

## الإطار
skip-link = انتقل إلى المحتوى
quick-exit = مغادرة الموقع
quick-exit-hint = أو اضغط على Esc
hide-visit = أخفِ زيارتك
nav-main = القائمة الرئيسية
nav-guide = احصل على مساعدة
nav-search = بحث
nav-entry-points = إلى أين تتوجه
nav-services = الخدمات
nav-courses = الدورات
nav-how-we-work = كيف نعمل
lang-nav = اللغة
acute-bar-label = مساعدة عاجلة
acute-bar = في خطر؟ اتصل بالرقم 112. تحتاج أن تتحدث مع أحد الآن؟ انظر المساعدة العاجلة
breadcrumbs = مسار التنقل
home = الصفحة الرئيسية
footer-about = { $municipality } – مساعدة للأطفال والشباب والأسر. هذا الموقع لا يحفظ أي معلومات عنك.
footer-accessibility = بيان إمكانية الوصول
footer-privacy = الخصوصية وملفات تعريف الارتباط (cookies)
footer-strategy = عن الاستراتيجية
footer-municipality-web = موقع البلدية

## الصفحة الرئيسية
home-title = مساعدة للأطفال والشباب والأسر
home-description = هل أنت قلق على طفل أو على نفسك؟ اعثر على المساعدة المناسبة في البلدية. مكان واحد للبدء. يمكنك أن تبقى مجهول الهوية.
home-heading = اعثر على المساعدة
home-lead = هل أنت قلق على طفل أو شاب أو على نفسك؟ هنا تجد المساعدة المناسبة. لا تحتاج أن تعرف كيف تنظَّم البلدية.
acute-heading = هل أحد في خطر الآن؟
acute-text = اتصل بالرقم 112 إذا كان أحد في خطر. يمكن للأطفال والشباب الاتصال بـ BørneTelefonen على الرقم 116 111 للتحدث مع أحد.
acute-link = انظر المساعدة العاجلة
doors-heading = من أنت؟
door-foraelder = أنا أب أو أم
door-ung = أنا طفل أو شاب
door-fagperson = أنا مختص
guide-entry-heading = اعثر على طريقك ببضعة أسئلة
guide-entry-text = أجب عن بضعة أسئلة، وسنريك أين تحصل على المساعدة. لا تحتاج أن تذكر اسمك.
guide-entry-start = ابدأ الدليل
chat-label = أو اكتب بكلماتك
chat-hint = اكتب باختصار عمّ يدور الأمر. لا تكتب أسماء. نحن لا نحفظ ما تكتبه.
chat-button = اعثر على المساعدة
search-heading = بحث
search-label = ابحث عن مساعدة
search-button = ابحث
entry-points-heading = إلى أين يمكنك التوجه

## أنواع المحتوى
kind-indgang = إلى أين تتوجه
kind-tilbud = خدمة
kind-kursus = دورة
kind-partner = منظمة تطوعية
kind-side = كيف نعمل
kinds-indgang = إلى أين تتوجه
kinds-tilbud = الخدمات
kinds-kursus = الدورات
kinds-partner = المنظمات التطوعية
kinds-side = كيف نعمل
kinds-indgang-description = الأماكن التي يمكنك التواصل معها. كل مكان منها يستمع إليك ويساعدك في الخطوة التالية.
kinds-tilbud-description = المساعدة التي يمكن أن تقدمها البلدية للأطفال والشباب والأسر.
kinds-kursus-description = دورات ومجموعات للأطفال والشباب والآباء والأمهات. وهي مجانية.
kinds-partner-description = جمعيات ومنظمات تتعاون معها البلدية.
kinds-side-description = كيف تعمل البلدية، وما هي حقوقك.

## القوائم والتصفية
filter-legend = اعرض فقط
filter-audience = لمن هذا؟
filter-age = عمر الطفل أو الشاب
filter-topic = الموضوع
filter-all = الكل
filter-button = اعرض
listing-count = { $count ->
    [zero] لا توجد نتائج للعرض
    [one] عرض نتيجة واحدة
    [two] عرض نتيجتين
    [few] عرض { $count } نتائج
    [many] عرض { $count } نتيجة
   *[other] عرض { $count } نتيجة
}
listing-empty = لا يوجد شيء يطابق اختيارك. جرّب أن تختار أشياء أقل.
pager-label = الصفحات
pager-previous = → الصفحة السابقة
pager-next = الصفحة التالية ←
pager-position = الصفحة { $page } من { $pages }
see-all-entry-points = عرض كل نقاط الدخول ({ $count })
audience-foraeldre = الآباء والأمهات
audience-unge = الشباب
audience-fagpersoner = المختصون

## صفحات المحتوى
not-translated = هذه الصفحة متوفرة باللغة الدنماركية فقط.
contact-heading = كيف تتواصل
contact-phone = الهاتف
contact-email = البريد الإلكتروني
contact-address = العنوان
contact-hours = أوقات العمل
contact-web = الموقع الإلكتروني
contact-switchboard = اتصل بالرقم الرئيسي لـ { $municipality } واطلب هذه الخدمة. تجد الرقم على موقع البلدية:
fact-anonymous = دون ذكر الاسم
fact-referral = الإحالة
fact-wait = مدة الانتظار
fact-age = العمر
fact-age-range = من { $from } إلى { $to } سنة
fact-provider = الجهة المقدِّمة
fact-legal-basis = القانون
fact-without-parents = يمكن استخدامه دون والديك
fact-parents-told = هل سيعرف والداي؟
fact-cost = التكلفة
fact-where = المكان
facts-heading = من المفيد أن تعرف
fact-unknown-note = «غير معروف» يعني أنه ليس لدينا مصدر موثوق بعد. اسأل عندما تتواصل معهم.
answer-ja = نعم
answer-nej = لا
answer-delvist = جزئيًا
answer-ukendt = غير معروف
contact-see-hours = انظر أوقات العمل على { $site }
contact-unknown = لا نعرف بيانات التواصل بعد. الصفحة تشرح كيف تتواصل.
sources-label = المصادر:{" "}
sources-checked = (تم التحقق في { $date })
last-reviewed = آخر مراجعة: { $date }.
sessions-none = لم يُحدَّد موعد المجموعة القادمة بعد.
course-ask = اسأل عن المجموعة القادمة
related-heading = مساعدة أخرى قد تناسبك
sessions-heading = المواعيد القادمة
course-place = المكان
course-capacity = عدد الأماكن: { $count }.
course-signup = كيف تسجّل
course-add-to-calendar = أضف إلى التقويم

## الأخطاء
not-found-title = الصفحة غير موجودة
not-found-text = لا نستطيع أن نجد هذه الصفحة. ربما نُقلت. ابحث في الأسفل، أو ابدأ الدليل.
bad-request-title = لم نستطع فهم ذلك
bad-filter = أحد خيارات التصفية غير موجود. ارجع واختر مرة أخرى.
bad-age = يجب أن يكون العمر رقمًا من 0 إلى 30.
bad-page = يجب أن يكون رقم الصفحة عددًا صحيحًا من 1 فأكثر.
bad-encoding = العنوان فيه رموز لا نستطيع قراءتها. اكتب بحثك مرة أخرى.
too-large = ما أرسلته طويل جدًا. اجعله أقصر وحاول مرة أخرى.

## البحث
search-title = ابحث عن مساعدة
search-description = ابحث في مساعدة البلدية للأطفال والشباب والأسر. استخدم كلماتك.
search-count = { $count ->
    [zero] لا توجد نتائج لـ «{ $query }»
    [one] نتيجة واحدة لـ «{ $query }»
    [two] نتيجتان لـ «{ $query }»
    [few] { $count } نتائج لـ «{ $query }»
    [many] { $count } نتيجة لـ «{ $query }»
   *[other] { $count } نتيجة لـ «{ $query }»
}
search-empty-query = اكتب ما تبحث عنه بكلماتك، مثلًا «قلق» أو «طلاق» أو «مخدرات».
search-filters = حدِّد النتائج
search-filter-kind = النوع
search-filter-parents = للشباب
search-filter-without-parents = يمكن استخدامه دون والديّ
search-did-you-mean = هل تقصد:
search-no-hits = لم نجد شيئًا. جرّب كلمة أخرى، أو أجب عن بضعة أسئلة في الدليل.
bad-limit = يجب أن يكون عدد النتائج رقمًا من 1 إلى 50.
query-too-long = البحث طويل جدًا. استخدم 500 حرف على الأكثر.

## الدليل
guide-title = الدليل
guide-description = أجب عن بضعة أسئلة، وانظر أين تحصل على المساعدة. أنت مجهول الهوية.
guide-next = التالي
guide-back = رجوع
guide-restart = ابدأ من جديد
guide-your-answers = إجاباتك
guide-change = تغيير
guide-change-label = غيّر إجابتك عن: { $question }
guide-age-label = العمر بالسنوات
guide-error-prefix = خطأ:
guide-error-title = هناك مشكلة
guide-error-no-answer = اختر إجابة.
guide-error-too-many = اختر إجابة واحدة فقط.
guide-error-unknown-option = اختر إحدى الإجابات المعروضة.
guide-error-exclusive = لا يمكن اختيار «لا شيء من هذا» و«لست متأكدًا» مع إجابات أخرى.
guide-error-age = اكتب العمر رقمًا صحيحًا، مثلًا 12.
guide-error-no-rule = ليس لدى الدليل إجابة على هذا بعد. تواصل مع البلدية.
guide-bad-question = هذا السؤال ليس جزءًا من الدليل. ابدأ من جديد.
guide-outcome-title = أين يمكنك الحصول على المساعدة
guide-outcome-acute-title = احصل على المساعدة الآن
guide-entry-label = ابدأ هنا
guide-next-steps = ماذا يحدث عندما تتواصل معهم
guide-more-help = مساعدة أخرى قد تناسبك
guide-chat-empty = اكتب بضع كلمات عمّ يدور الأمر. أو أجب عن السؤال في الأسفل.
guide-chat-one-more = شكرًا. نحتاج أن نعرف شيئًا واحدًا آخر لنجد المساعدة المناسبة.
guide-found-by-search = هذه الصفحة تطابق الكلمات في رسالتك.
guide-not-understood-title = لم نفهم تمامًا
guide-not-understood = لم نستطع أن نعرف ما الذي تحتاج المساعدة فيه. أجب عن السؤال في الأسفل، أو انظر نتائج البحث.
guide-search-results = ما وجدناه عندما بحثنا
guide-search-reason = وُجد بالبحث عن كلماتك.
guide-text-too-long = النص طويل جدًا. استخدم 2000 حرف على الأكثر.

# Open data (/api/hsds/): the municipality as an organization.
opendata-municipality-description = { $municipality } هي الجهة المسؤولة عن { $site }: مساعدة البلدية للأطفال والشباب والأسر في مكان واحد.
