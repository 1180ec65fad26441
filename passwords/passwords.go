// Package passwords knows the passwords that attackers try first, so that
// tkm can refuse them.
package passwords

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

//go:embed data/common-passwords.txt.gz
var listGz []byte

var common = sync.OnceValue(func() map[string]struct{} {
	zr, err := gzip.NewReader(bytes.NewReader(listGz))
	if err != nil {
		panic("passwords: embedded list is corrupt: " + err.Error()) // caught by the tests
	}
	set := make(map[string]struct{}, 45000)
	lines := bufio.NewScanner(zr)
	for lines.Scan() {
		set[lines.Text()] = struct{}{}
	}
	if lines.Err() != nil {
		panic("passwords: embedded list is corrupt: " + lines.Err().Error())
	}
	return set
})

// Common reports whether p, ignoring case, is a widely used password.
func Common(p string) bool {
	_, ok := common()[strings.ToLower(p)]
	return ok
}
