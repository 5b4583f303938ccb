# Українська: увесь текст у рамці сайту (меню, кнопки, заголовки). Зміст сторінок лежить у content/.

## Рамка
skip-link = Перейти до змісту
quick-exit = Покинути сайт
quick-exit-hint = Або натисніть Esc
hide-visit = Приховати ваш візит
nav-main = Головне меню
nav-guide = Отримати допомогу
nav-search = Пошук
nav-entry-points = Куди звернутися
nav-services = Послуги
nav-courses = Курси
nav-how-we-work = Як ми працюємо
lang-nav = Мова
acute-bar-label = Екстрена допомога
acute-bar = Небезпека? Телефонуйте 112. Потрібно поговорити з кимось зараз? Див. екстрену допомогу
breadcrumbs = Навігаційний ланцюжок
home = Головна
footer-about = { $municipality } – допомога дітям, молоді та сім'ям. Цей сайт не зберігає жодної інформації про вас.
footer-accessibility = Заява про доступність
footer-privacy = Конфіденційність і файли cookie
footer-strategy = Про стратегію
footer-municipality-web = Сайт муніципалітету

## Головна сторінка
home-title = Допомога для дітей, молоді та сімей
home-description = Хвилюєтеся за дитину або за себе? Знайдіть потрібну допомогу в муніципалітеті. Одне місце, з якого можна почати. Ви можете залишатися анонімними.
home-heading = Знайти допомогу
home-lead = Ви хвилюєтеся за дитину, підлітка чи за себе? Тут ви знайдете потрібну допомогу. Вам не треба знати, як влаштований муніципалітет.
acute-heading = Хтось у небезпеці просто зараз?
acute-text = Телефонуйте 112, якщо хтось у небезпеці. Діти та молодь можуть зателефонувати до BørneTelefonen за номером 116 111, щоб поговорити з кимось.
acute-link = Див. екстрену допомогу
doors-heading = Хто ви?
door-foraelder = Я один із батьків
door-ung = Я дитина або молода людина
door-fagperson = Я фахівець
guide-entry-heading = Знайдіть шлях за кілька запитань
guide-entry-text = Дайте відповідь на кілька запитань, і ми покажемо, де можна отримати допомогу. Вам не треба називати своє ім'я.
guide-entry-start = Почати путівник
chat-label = Або напишіть своїми словами
chat-hint = Коротко напишіть, про що йдеться. Не пишіть імен. Ми не зберігаємо те, що ви пишете.
chat-button = Знайти допомогу
search-heading = Пошук
search-label = Шукати допомогу
search-button = Шукати
entry-points-heading = Куди можна звернутися

## Види змісту
kind-indgang = Куди звернутися
kind-tilbud = Послуга
kind-kursus = Курс
kind-partner = Волонтерська організація
kind-side = Як ми працюємо
kinds-indgang = Куди звернутися
kinds-tilbud = Послуги
kinds-kursus = Курси
kinds-partner = Волонтерські організації
kinds-side = Як ми працюємо
kinds-indgang-description = Місця, до яких можна звернутися. Кожне з них вислухає вас і допоможе далі.
kinds-tilbud-description = Допомога, яку муніципалітет може надати дітям, молоді та сім'ям.
kinds-kursus-description = Курси та групи для дітей, молоді й батьків. Вони безкоштовні.
kinds-partner-description = Об'єднання та організації, з якими співпрацює муніципалітет.
kinds-side-description = Як працює муніципалітет і які у вас права.

## Списки та фільтри
filter-legend = Показати лише
filter-audience = Для кого це?
filter-age = Вік дитини або молодої людини
filter-topic = Тема
filter-all = Усі
filter-button = Показати
listing-count = { $count ->
    [one] Показано { $count } результат
    [few] Показано { $count } результати
    [many] Показано { $count } результатів
   *[other] Показано { $count } результату
}
listing-empty = Нічого не відповідає вашому вибору. Спробуйте вибрати менше.
pager-label = Сторінки
pager-previous = ← Попередня сторінка
pager-next = Наступна сторінка →
pager-position = Сторінка { $page } з { $pages }
see-all-entry-points = Переглянути всі точки входу ({ $count })
audience-foraeldre = Батьки
audience-unge = Молодь
audience-fagpersoner = Фахівці

## Сторінки зі змістом
not-translated = Ця сторінка є лише данською мовою.
contact-heading = Як зв'язатися
contact-phone = Телефон
contact-email = Електронна пошта
contact-address = Адреса
contact-hours = Години роботи
contact-web = Вебсайт
contact-switchboard = Зателефонуйте на основний номер { $municipality } і попросіть цю послугу. Номер є на сайті муніципалітету:
fact-anonymous = Анонімно
fact-referral = Направлення
fact-wait = Час очікування
fact-age = Вік
fact-age-range = { $from }–{ $to } років
fact-provider = Хто надає
fact-legal-basis = Закон
fact-without-parents = Можна без батьків
fact-parents-told = Чи дізнаються мої батьки?
fact-cost = Вартість
fact-where = Де
facts-heading = Варто знати
fact-unknown-note = «Невідомо» означає, що ми ще не маємо надійного джерела. Запитайте, коли зв'яжетеся.
answer-ja = Так
answer-nej = Ні
answer-delvist = Частково
answer-ukendt = Невідомо
contact-see-hours = Години роботи див. на { $site }
contact-unknown = Ми ще не знаємо контактних даних. На сторінці написано, як зв'язатися.
sources-label = Джерела:{" "}
sources-checked = (перевірено { $date })
last-reviewed = Востаннє переглянуто { $date }.
sessions-none = Наступну групу ще не заплановано.
course-ask = Запитати про наступну групу
related-heading = Інша допомога, яка може підійти
sessions-heading = Найближчі дати
course-place = Місце
course-capacity = Кількість місць: { $count }.
course-signup = Як записатися
course-add-to-calendar = Додати до календаря

## Помилки
not-found-title = Сторінку не знайдено
not-found-text = Ми не можемо знайти цю сторінку. Можливо, її перенесли. Скористайтеся пошуком нижче або почніть путівник.
bad-request-title = Ми не змогли це зрозуміти
bad-filter = Одного з варіантів фільтра не існує. Поверніться назад і виберіть ще раз.
bad-age = Вік має бути числом від 0 до 30.
bad-page = Номер сторінки має бути цілим числом від 1.
bad-encoding = Адреса містить символи, які ми не можемо прочитати. Введіть пошуковий запит ще раз.
too-large = Те, що ви надіслали, задовге. Скоротіть текст і спробуйте ще раз.

## Пошук
search-title = Шукати допомогу
search-description = Шукайте допомогу муніципалітету для дітей, молоді та сімей. Пишіть своїми словами.
search-count = { $count ->
    [0] Немає результатів за запитом «{ $query }»
    [one] { $count } результат за запитом «{ $query }»
    [few] { $count } результати за запитом «{ $query }»
    [many] { $count } результатів за запитом «{ $query }»
   *[other] { $count } результату за запитом «{ $query }»
}
search-empty-query = Напишіть своїми словами, що ви шукаєте, наприклад «тривога», «розлучення» або «наркотики».
search-filters = Уточнити результати
search-filter-kind = Тип
search-filter-parents = Для молоді
search-filter-without-parents = Можна без моїх батьків
search-did-you-mean = Можливо, ви мали на увазі:
search-no-hits = Ми нічого не знайшли. Спробуйте інше слово або дайте відповідь на кілька запитань у путівнику.
bad-limit = Кількість результатів має бути числом від 1 до 50.
query-too-long = Запит задовгий. Використайте не більше 500 символів.

## Путівник
guide-title = Путівник
guide-description = Дайте відповідь на кілька запитань і дізнайтеся, де отримати допомогу. Ви анонімні.
guide-next = Далі
guide-back = Назад
guide-restart = Почати знову
guide-your-answers = Ваші відповіді
guide-change = Змінити
guide-change-label = Змінити відповідь на: { $question }
guide-age-label = Вік у роках
guide-error-prefix = Помилка:
guide-error-title = Виникла проблема
guide-error-no-answer = Виберіть відповідь.
guide-error-too-many = Виберіть лише одну відповідь.
guide-error-unknown-option = Виберіть одну з показаних відповідей.
guide-error-exclusive = «Нічого з цього» і «Не знаю» не можна вибрати разом з іншими відповідями.
guide-error-age = Напишіть вік цілим числом, наприклад 12.
guide-error-no-rule = Путівник поки не має відповіді на це. Зверніться до муніципалітету.
guide-bad-question = Такого запитання немає в путівнику. Почніть знову.
guide-outcome-title = Де можна отримати допомогу
guide-outcome-acute-title = Отримайте допомогу зараз
guide-entry-label = Почніть тут
guide-next-steps = Що буде, коли ви зв'яжетеся
guide-more-help = Інша допомога, яка може підійти
guide-chat-empty = Напишіть кілька слів про те, що сталося. Або дайте відповідь на запитання нижче.
guide-chat-one-more = Дякуємо. Нам треба знати ще одне, щоб знайти потрібну допомогу.
guide-found-by-search = Ця сторінка відповідає словам у вашому повідомленні.
guide-not-understood-title = Ми не зовсім зрозуміли
guide-not-understood = Ми не змогли зрозуміти, з чим вам потрібна допомога. Дайте відповідь на запитання нижче або подивіться результати пошуку.
guide-search-results = Що ми знайшли за вашими словами
guide-search-reason = Знайдено за вашими словами.
guide-text-too-long = Текст задовгий. Використайте не більше 2000 символів.

# Open data (/api/hsds/): the municipality as an organization.
opendata-municipality-description = { $municipality } стоїть за { $site }: допомога муніципалітету дітям, молоді та сім'ям в одному місці.
