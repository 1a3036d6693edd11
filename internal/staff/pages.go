package staff

import "html/template"

// pageStyle is the gate's pages' whole style: plain forms after GOV.UK
// Frontend's, readable on a phone.
const pageStyle = `body{margin:0;font:1.1875rem/1.5 system-ui,sans-serif;color:#0b0c0c;background:#f3f2f1}
main{max-width:30rem;margin:2rem auto;padding:1.5rem;background:#fff}
h1{font-size:1.75rem;margin:0 0 1rem}label{display:block;font-weight:700;margin:1rem 0 .25rem}
input{box-sizing:border-box;width:100%;font:inherit;padding:.4rem;border:2px solid #0b0c0c}
input:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px}
button{margin-top:1.25rem;font:inherit;font-weight:700;color:#fff;background:#00703c;border:0;padding:.5rem 1rem;box-shadow:0 2px 0 #002d18;cursor:pointer}
button:focus{outline:3px solid #fd0;color:#0b0c0c;background:#fd0}
.error{border-left:5px solid #d4351c;padding:.5rem 1rem;margin:0 0 1rem;font-weight:700;color:#d4351c}
.key{font:1.25rem/1.5 ui-monospace,monospace;letter-spacing:.05em}
.notice{border-left:5px solid #00703c;padding:.5rem 1rem;margin:0 0 1rem}.hint{margin-top:1.5rem;color:#505a5f}
img{display:block;margin:.5rem 0;image-rendering:pixelated}`

// view is what a page of the gate shows: its words, and one of the pages.
type view struct {
	Words  words
	Style  template.CSS
	SignIn *signInPage
	Link   *linkPage
}

type words struct {
	SignedOut, Forgot, OnThisPhone                                string
	Title, SignIn, Email, Password, Next, Code, LinkGone, Account string
	NewPassword, Again, AddApp, Picture, CodeNow, Save            string
}

var pages = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="sr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>{{$.Words.Title}}</title>
<style>{{.Style}}</style>
</head>
<body>
<main>
{{- with .SignIn}}
<h1>{{$.Words.SignIn}}</h1>
{{with .Error}}<p class="error" role="alert">{{.}}</p>{{end}}
{{- if .SignedOut}}<p class="notice" role="status">{{$.Words.SignedOut}}</p>{{end}}
<form method="post" action="/prijava">
<input type="hidden" name="dalje" value="{{.Next}}">
{{- if .Code}}
<label for="code">{{$.Words.Code}}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" required autofocus>
<button type="submit">{{$.Words.SignIn}}</button>
{{- else}}
<label for="email">{{$.Words.Email}}</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus>
<label for="password">{{$.Words.Password}}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{{$.Words.Next}}</button>
{{- end}}
</form>
<p class="hint">{{$.Words.Forgot}}</p>
{{- end}}
{{- with .Link}}
{{- if .Gone}}
<h1>{{$.Words.LinkGone}}</h1>
<p class="error" role="alert">{{.Error}}</p>
{{- else}}
<h1>{{$.Words.Account}}: {{.Name}}</h1>
{{with .Error}}<p class="error" role="alert">{{.}}</p>{{end}}
<form method="post">
<label for="password">{{$.Words.NewPassword}}</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required autofocus>
<label for="again">{{$.Words.Again}}</label>
<input id="again" name="again" type="password" autocomplete="new-password" minlength="12" required>
<p>{{$.Words.AddApp}}</p>
{{with .Picture}}<img src="{{.}}" width="240" height="240" alt="{{$.Words.Picture}}">{{end}}
<p class="key" data-key>{{.Secret}}</p>
<p><a href="{{.KeyURL}}">{{$.Words.OnThisPhone}}</a></p>
<label for="code">{{$.Words.CodeNow}}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" required>
<button type="submit">{{$.Words.Save}}</button>
</form>
{{- end}}
{{- end}}
</main>
</body>
</html>
`))
