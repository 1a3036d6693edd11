// Command replacer is the baseline of the transliteration benchmark: a plain
// program that reads Serbian Latin line by line and writes it with every
// letter and digraph replaced by its Cyrillic letter (strings.Replacer). It
// is fast and wrong: nadživeti becomes наџивети, Facebook Фацебоок.
package main

import (
	"bufio"
	"io"
	"os"
	"strings"
)

func main() {
	letters := strings.NewReplacer(
		"LJ", "Љ", "Lj", "Љ", "lj", "љ", "NJ", "Њ", "Nj", "Њ", "nj", "њ", "DŽ", "Џ", "Dž", "Џ", "dž", "џ",
		"a", "а", "b", "б", "c", "ц", "č", "ч", "ć", "ћ", "d", "д", "đ", "ђ", "e", "е", "f", "ф", "g", "г",
		"h", "х", "i", "и", "j", "ј", "k", "к", "l", "л", "m", "м", "n", "н", "o", "о", "p", "п", "r", "р",
		"s", "с", "š", "ш", "t", "т", "u", "у", "v", "в", "z", "з", "ž", "ж",
		"A", "А", "B", "Б", "C", "Ц", "Č", "Ч", "Ć", "Ћ", "D", "Д", "Đ", "Ђ", "E", "Е", "F", "Ф", "G", "Г",
		"H", "Х", "I", "И", "J", "Ј", "K", "К", "L", "Л", "M", "М", "N", "Н", "O", "О", "P", "П", "R", "Р",
		"S", "С", "Š", "Ш", "T", "Т", "U", "У", "V", "В", "Z", "З", "Ž", "Ж",
	)
	in := bufio.NewReaderSize(os.Stdin, 64<<10)
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	for {
		line, err := in.ReadString('\n')
		letters.WriteString(out, line)
		if err != nil {
			if err != io.EOF {
				os.Exit(1)
			}
			break
		}
	}
	if out.Flush() != nil {
		os.Exit(1)
	}
}
