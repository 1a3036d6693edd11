package site

import "strings"

// SourcePaths rewrites paths of the generated tree in a message (from Hugo) to
// the source file an editor can open: line numbers stay valid, because the
// transliteration keeps every line on its line.
func SourcePaths(msg string) string {
	for _, v := range Variants {
		msg = strings.ReplaceAll(msg, GeneratedDir+"/content/"+v.Lang+"/", SerbianContentDir+"/")
		msg = strings.ReplaceAll(msg, GeneratedDir+"/data/"+string(v.Script)+"/", DataDir+"/")
	}
	return msg
}
