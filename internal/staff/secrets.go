package staff

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
	"golang.org/x/crypto/argon2"
)

// Issuer names the CMS in the staff's authenticator apps.
const Issuer = "Centar CMS"

// argon2id's cost, RFC 9106's second recommended setting: 64 MiB, three
// passes. About a tenth of a second a sign-in on a small server.
const (
	argonTime    = 3
	argonMemory  = 64 << 10 // KiB
	argonThreads = 2
	argonKeyLen  = 32
)

// hashing lets as many argon2id hashes run at once as there are CPUs: each
// takes 64 MiB, and a crowd of sign-ins must queue, not exhaust memory.
var hashing = make(chan struct{}, runtime.NumCPU())

func idKey(password, salt []byte, passes, memory uint32, threads uint8, n uint32) []byte {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2.IDKey(password, salt, passes, memory, threads, n)
}

// hashPassword is password's argon2id hash with a salt of its own, in the
// PHC string format, which names the parameters it was made with.
func hashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := idKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// passwordMatches reports whether password has the hash, comparing in
// constant time with the hash's own parameters.
func passwordMatches(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var memory, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &passes, &threads); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := idKey([]byte(password), salt, passes, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// decoyHash is checked against when there is no account, so that an
// unknown address takes as long as a wrong password. Made at its first
// use: every centar command links this package, and a hash costs a tenth
// of a second and 64 MiB.
var decoyHash = sync.OnceValue(func() string {
	hash, _ := hashPassword(randomToken())
	return hash
})

// newSecret is a new authenticator key for the account email, as its
// otpauth:// address.
func newSecret(email string) (string, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: Issuer, AccountName: email})
	if err != nil {
		return "", err
	}
	return key.URL(), nil
}

// AppKey is the authenticator key of an otpauth:// address.
func AppKey(url string) (*otp.Key, error) { return otp.NewKeyFromURL(url) }

// period is RFC 6238's time step, which the apps use unless told otherwise.
const period = 30

// codeStep is the time step at which code is the app's code, when it is one
// of now's step or the steps either side (a phone's clock is seldom
// exact).
func codeStep(keyURL, code string, now time.Time) (int64, bool) {
	key, err := otp.NewKeyFromURL(keyURL)
	if err != nil {
		return 0, false
	}
	code = strings.Join(strings.Fields(code), "")
	step := now.Unix() / period
	found := int64(-1)
	for s := step - 1; s <= step+1; s++ {
		want, err := hotp.GenerateCodeCustom(key.Secret(), uint64(s), hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			found = s
		}
	}
	return found, found >= 0
}
