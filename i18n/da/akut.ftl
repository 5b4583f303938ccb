# Førstehjælp ved akut fare og chattens "vi er ikke sikre" (se content/akut/).
first-help-heading = Få hjælp nu: { $danger }
first-help-call = Ring { $number }
first-help-web = Gå til { $name }
guide-not-sure-title = Fortæl os lidt mere
guide-not-sure-lead = Vi er ikke sikre på, hvad du har brug for hjælp til. Vælg det, der passer bedst, så finder vi den rette hjælp.
guide-not-sure-doors = Eller start her
guide-not-sure-again = Eller skriv igen med andre ord
search-acute-note = Vi viser hjælpen her først, fordi dine ord kan handle om akut fare.
