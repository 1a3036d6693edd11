package build

import (
	"regexp"
	"strconv"
	"strings"
)

// latinLine matches a place in a Latin variant, whose front matter has one
// more line (its url) than the source.
var latinLine = regexp.MustCompile(GeneratedDir + `/content/sr-latn/([^:"\s]+):(\d+)`)

// SourcePaths rewrites places in the generated tree in a message (from Hugo)
// to the source file and line an editor can open. Transliteration keeps every
// line on its line; only the Latin variant's added url line is taken off.
func SourcePaths(msg string) string {
	msg = latinLine.ReplaceAllStringFunc(msg, func(m string) string {
		sub := latinLine.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[2])
		return SerbianContentDir + "/" + sub[1] + ":" + strconv.Itoa(max(1, n-1))
	})
	for _, v := range Variants {
		msg = strings.ReplaceAll(msg, GeneratedDir+"/content/"+v.Lang+"/", SerbianContentDir+"/")
		msg = strings.ReplaceAll(msg, GeneratedDir+"/data/"+string(v.Script)+"/", DataDir+"/")
	}
	return msg
}
