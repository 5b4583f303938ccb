# English: all text in the site's frame (menus, buttons, headings). The content is in content/.

## Frame
skip-link = Skip to content
quick-exit = Leave this site
quick-exit-hint = Or press Esc
hide-visit = Hide your visit
nav-main = Main menu
nav-guide = Get help
nav-search = Search
nav-entry-points = Where to go
nav-services = Services
nav-courses = Courses
nav-how-we-work = How we work
lang-nav = Language
acute-bar-label = Acute help
acute-bar = In danger? Call 112. Need to talk to someone now? See acute help
breadcrumbs = Breadcrumb
home = Home
footer-about = { $municipality } – help for children, young people and families. This site stores no information about you.
footer-accessibility = Accessibility statement
footer-privacy = Privacy and cookies
footer-strategy = About the strategy
footer-municipality-web = The municipality's website

## Home
home-title = Find help for children, young people and families
home-description = Worried about a child or about yourself? Find the right help from the municipality. One place to start. You can stay anonymous.
home-heading = Find help
home-lead = Are you worried about a child, a young person or yourself? Here you find the right help. You do not need to know how the municipality is organised.
acute-heading = Is someone in danger right now?
acute-text = Call 112 if someone is in danger. Children and young people can call BørneTelefonen on 116 111 to talk to someone.
acute-link = See acute help
doors-heading = Who are you?
door-foraelder = I am a parent
door-ung = I am a young person
door-fagperson = I am a professional
guide-entry-heading = Find your way with a few questions
guide-entry-text = Answer a few questions and we show you where to get help. You do not have to give your name.
guide-entry-start = Start the guide
chat-label = Or write in your own words
chat-hint = Write briefly what it is about. Do not write names. We do not store what you write.
chat-button = Find help
search-heading = Search
search-label = Search for help
search-button = Search
entry-points-heading = Where you can turn

## Kinds of content
kind-indgang = Where to go
kind-tilbud = Service
kind-kursus = Course
kind-partner = Voluntary organisation
kind-side = How we work
kinds-indgang = Where to go
kinds-tilbud = Services
kinds-kursus = Courses
kinds-partner = Voluntary organisations
kinds-side = How we work
kinds-indgang-description = The places you can contact. Each one listens and helps you further.
kinds-tilbud-description = The help the municipality can give children, young people and families.
kinds-kursus-description = Courses and groups for children, young people and parents. They are free.
kinds-partner-description = Associations and organisations the municipality works with.
kinds-side-description = How the municipality works, and your rights.

## Lists and filters
filter-legend = Show only
filter-audience = Who is it for?
filter-age = Age of the child or young person
filter-topic = Topic
filter-all = All
filter-button = Show
listing-count = { $count ->
    [one] Showing 1
   *[other] Showing { $count }
}
listing-empty = Nothing matches your choice. Try choosing fewer things.
pager-label = Pages
pager-previous = ← Previous page
pager-next = Next page →
pager-position = Page { $page } of { $pages }
see-all-entry-points = See all { $count } entry points
audience-foraeldre = Parents
audience-unge = Young people
audience-fagpersoner = Professionals

## Content pages
not-translated = This page is only available in Danish.
contact-heading = How to get in touch
contact-phone = Phone
contact-email = E-mail
contact-address = Address
contact-hours = Open
contact-web = Website
contact-switchboard = Call the main number of { $municipality } and ask for this service. You find the number on the municipality's website:
fact-anonymous = Anonymous
fact-referral = Referral
fact-wait = Waiting time
fact-age = Age
fact-age-range = { $from }–{ $to } years
fact-provider = Provided by
fact-legal-basis = Law
fact-without-parents = Can be used without your parents
fact-parents-told = Will my parents be told?
fact-cost = Cost
fact-where = Where
facts-heading = Good to know
fact-unknown-note = “Unknown” means we have no reliable source yet. Ask when you get in touch.
answer-ja = Yes
answer-nej = No
answer-delvist = Partly
answer-ukendt = Unknown
contact-see-hours = See opening hours on { $site }
contact-unknown = We do not know the contact details yet. The page says how to get in touch.
sources-label = Sources:{" "}
sources-checked = (checked { $date })
last-reviewed = Last reviewed { $date }.
sessions-none = The next group has not been scheduled yet.
course-ask = Ask about the next group
related-heading = Other help that may fit
sessions-heading = Next dates
course-place = Place
course-capacity = Room for { $count } participants.
course-signup = How to sign up
course-add-to-calendar = Add to calendar

## Errors
not-found-title = Page not found
not-found-text = We cannot find that page. It may have moved. Search below or start the guide.
bad-request-title = We could not understand that
bad-filter = One of the filter choices does not exist. Go back and choose again.
bad-age = The age must be a number from 0 to 30.
bad-page = The page number must be a whole number from 1 up.
bad-encoding = The address contains characters we cannot read. Please type your search again.
too-large = What you sent is too long. Please make it shorter and try again.

## Search
search-title = Search for help
search-description = Search the municipality's help for children, young people and families. Use your own words.
search-count = { $count ->
    [0] No results for “{ $query }”
    [one] 1 result for “{ $query }”
   *[other] { $count } results for “{ $query }”
}
search-empty-query = Type what you are looking for, in your own words, for example “anxiety”, “divorce” or “drugs”.
search-filters = Narrow the results
search-filter-kind = Type
search-filter-parents = For young people
search-filter-without-parents = Can be used without my parents
search-did-you-mean = Did you mean:
search-no-hits = We found nothing. Try another word, or answer a few questions in the guide.
bad-limit = The number of results must be a number from 1 to 50.
query-too-long = The search is too long. Use at most 500 characters.

## The guide
guide-title = The guide
guide-description = Answer a few questions and see where to get help. You are anonymous.
guide-next = Next
guide-back = Back
guide-restart = Start again
guide-your-answers = Your answers
guide-change = Change
guide-change-label = Change your answer to: { $question }
guide-age-label = Age in years
guide-error-prefix = Error:
guide-error-title = There is a problem
guide-error-no-answer = Please choose an answer.
guide-error-too-many = Please choose only one answer.
guide-error-unknown-option = Please choose one of the answers shown.
guide-error-exclusive = “None of these” and “I’m not sure” cannot be combined with other answers.
guide-error-age = Please write the age as a whole number, for example 12.
guide-error-no-rule = The guide has no answer for this yet. Please contact the municipality.
guide-bad-question = That question is not part of the guide. Please start again.
guide-outcome-title = Where you can get help
guide-outcome-acute-title = Get help now
guide-entry-label = Start here
guide-next-steps = What happens when you get in touch
guide-more-help = Other help that may fit
guide-chat-empty = Write a few words about what it is about. Or answer the question below.
guide-chat-one-more = Thank you. We need to know one more thing to find the right help.
guide-found-by-search = This page matches the words in your message.
guide-not-understood-title = We did not quite understand
guide-not-understood = We could not tell what you need help with. Answer the question below, or look at the search results.
guide-search-results = What we found when we searched
guide-search-reason = Found by searching for your words.
guide-text-too-long = The text is too long. Use at most 2000 characters.

# Open data (/api/hsds/): the municipality as an organization.
opendata-municipality-description = { $municipality } runs { $site }: the municipality's help for children, young people and families in one place.
