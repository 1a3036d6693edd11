package msg

// serbian translates each message, keyed by its English text.
var serbian = map[string]string{
	// The command line.
	"error: %v\n": "greška: %v\n",
	"unknown format %q: use --format text or --format github":         "nepoznat oblik ispisa %q: koristite --format text ili --format github",
	"Found %s and %s: fix the errors, then run centar check again.\n": "Pronađeno: %s i %s. Ispravite greške pa ponovo pokrenite centar check.\n",
	"No errors (%s).\n": "Nema grešaka (%s).\n",

	// The content check.
	"there is no such file or folder; check the name":                                                                                                                        "ne postoji takva datoteka ili fascikla; proverite ime",
	"%s is outside the site folder %s":                                                                                                                                       "%s je van fascikle sajta %s",
	"the page header opened with --- is not closed: add a line with --- after it":                                                                                            "zaglavlje stranice otvoreno sa --- nije zatvoreno: dodajte red sa --- posle njega",
	"a page must start with a header between two --- lines, with at least a line title: \"Title\"":                                                                           "stranica mora da počne zaglavljem između dva reda sa ---, sa bar jednim redom title: \"Naslov\"",
	"this is not valid here (%s): check quotes, colons and indentation":                                                                                                      "zapis ovde nije ispravan (%s): proverite navodnike, dvotačke i uvlačenje redova",
	"the header must be lines of the form key: value":                                                                                                                        "zaglavlje mora biti redovi oblika ključ: vrednost",
	"the page has no title: add a line title: \"Title\" to the header":                                                                                                       "stranica nema naslov: dodajte u zaglavlje red title: \"Naslov\"",
	"unknown header field %q; fields this page may have: %s":                                                                                                                 "nepoznato polje zaglavlja %q; ova stranica može imati polja: %s",
	"the news item has no date: add it as date: 2024-05-31; it cannot be published without one":                                                                              "vest nema datum: dodajte ga kao date: 2024-05-31; bez datuma ne može biti objavljena",
	"the document has no category: add kategorija: with one of %s":                                                                                                           "dokument nema kategoriju: dodajte kategorija: sa jednom od vrednosti %s",
	"%s must be text: put it in quotes, e.g. %s: \"…\"":                                                                                                                      "%s mora biti tekst: stavite ga pod navodnike, npr. %s: \"…\"",
	"%s must be a whole number, e.g. %s: 3":                                                                                                                                  "%s mora biti ceo broj, npr. %s: 3",
	"%s must be true or false":                                                                                                                                               "%s mora biti true (da) ili false (ne)",
	"%q is not a date: write it as %s: 2024-05-31":                                                                                                                           "%q nije datum: napišite ga kao %s: 2024-05-31",
	"%s must be a list, e.g. %s: [first, second]":                                                                                                                            "%s mora biti spisak, npr. %s: [prvo, drugo]",
	"%q is not one of the %s: use one of %s, or create content/sr/%s/%s/_index.md with its title":                                                                            "%q nije među postojećim (%s): upotrebite jednu od vrednosti %s ili napravite content/sr/%s/%s/_index.md sa njenim naslovom",
	"%q is not a known %s: use one of %s":                                                                                                                                    "%q nije poznata vrednost za %s: upotrebite jednu od %s",
	"the word %q mixes Cyrillic and Latin letters that look alike; write it as %q":                                                                                           "reč %q meša ćirilična i latinična slova koja izgledaju isto; napišite je kao %q",
	"<%s> is not allowed on this site: it could run code or show another site to readers; remove it":                                                                         "<%s> nije dozvoljen na ovom sajtu: mogao bi da pokrene kod ili čitaocima prikaže drugi sajt; uklonite ga",
	"the HTML attribute that starts with on… runs code and is not allowed; remove the HTML and write it in Markdown":                                                         "HTML atribut koji počinje sa on… pokreće kod i nije dozvoljen; uklonite HTML i napišite to u Markdown-u",
	"HTML (<%s>) is not shown on this site; write it in Markdown instead (e.g. **bold**, [link](/address/))":                                                                 "HTML (<%s>) se ne prikazuje na ovom sajtu; napišite to u Markdown-u (npr. **podebljano**, [veza](/adresa/))",
	"the image has no description: write what it shows between the brackets, e.g. ![Training in Kragujevac](%s)":                                                             "slika nema opis: između uglastih zagrada napišite šta prikazuje, npr. ![Obuka u Kragujevcu](%s)",
	"the page %q does not exist: check the path under content/%s/":                                                                                                           "stranica %q ne postoji: proverite putanju u content/%s/",
	"javascript: links run code and are not allowed; link to a web address or a page of this site":                                                                           "veze javascript: pokreću kod i nisu dozvoljene; povežite na veb adresu ili stranicu ovog sajta",
	"%q is not a phone number readers can dial: write it as tel:+381… (E.164, digits only) or a short number such as tel:192":                                                "%q nije broj koji čitalac može da pozove: napišite ga kao tel:+381… (E.164, samo cifre) ili kao kratak broj, npr. tel:192",
	"links may go only to web addresses (https://…), e-mail (mailto:), phone numbers (tel:) or pages of this site; %q is none of these":                                      "veza može voditi samo na veb adresu (https://…), e-poštu (mailto:), telefon (tel:) ili stranicu ovog sajta; %q nije ništa od toga",
	"the link %s leads nowhere: there is no such page or file on the site; check the address":                                                                                "veza %s ne vodi nigde: na sajtu nema takve stranice ni datoteke; proverite adresu",
	"this page needs an English version: add it under content/en/ and give both pages the same translationKey":                                                               "ovoj stranici treba engleska verzija: dodajte je u content/en/ i obema stranicama dajte isti translationKey",
	"the file is %.1f MB, more than the %s allowed: readers on phones pay for every byte; make it smaller (export the image narrower, or save the PDF as \"smallest size\")": "datoteka ima %.1f MB, više od dozvoljenih %s: čitaoci na telefonima plaćaju svaki bajt; smanjite je (izvezite užu sliku ili sačuvajte PDF kao „najmanja veličina”)",
}

// plurals translates messages whose words follow a count.
var plurals = map[string]pluralMessage{
	"%d errors":   {arg: 1, enOne: "%d error", srOne: "%d greška", srFew: "%d greške", srOther: "%d grešaka"},
	"%d warnings": {arg: 1, enOne: "%d warning", srOne: "%d upozorenje", srFew: "%d upozorenja", srOther: "%d upozorenja"},
}
