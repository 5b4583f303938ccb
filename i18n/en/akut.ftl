# First help in acute danger and the chat's "we are not sure" (see content/akut/).
first-help-heading = Get help now: { $danger }
first-help-call = Call { $number }
first-help-web = Go to { $name }
guide-not-sure-title = Tell us a little more
guide-not-sure-lead = We are not sure what you need help with. Choose what fits best, and we will find the right help.
guide-not-sure-doors = Or start here
guide-not-sure-again = Or write again in other words
search-acute-note = We show this help first because your words may be about acute danger.
