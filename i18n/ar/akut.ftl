# الإسعاف الأولي عند الخطر العاجل، وعبارة «لسنا متأكدين» في المحادثة (انظر content/akut/).
first-help-heading = احصل على المساعدة الآن: { $danger }
first-help-call = اتصل بالرقم { $number }
first-help-web = اذهب إلى { $name }
guide-not-sure-title = أخبرنا بالمزيد قليلًا
guide-not-sure-lead = لسنا متأكدين مما تحتاج المساعدة فيه. اختر ما يناسبك أكثر، وسنجد المساعدة المناسبة.
guide-not-sure-doors = أو ابدأ هنا
guide-not-sure-again = أو اكتب مرة أخرى بكلمات أخرى
search-acute-note = نعرض هذه المساعدة أولًا لأن كلماتك قد تتعلق بخطر عاجل.
