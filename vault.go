package tkm

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// KeySize is the length of the secret key that protects NIKs at rest.
const KeySize = 32

// Vault keeps identity numbers unreadable at rest: it encrypts them with
// AES-256-GCM and gives each a keyed hash (HMAC-SHA256) so the registry can
// look a person up and keep NIKs unique without storing them in clear.
// Both keys derive from one secret key.
type Vault struct {
	aead  cipher.AEAD
	mac   []byte
	audit []byte
}

// NewVault returns a vault for a KeySize-byte secret key.
func NewVault(key []byte) (*Vault, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("new vault: key must be %d bytes, got %d", KeySize, len(key))
	}
	encKey, err := hkdf.Key(sha256.New, key, nil, "tkm nik encryption", 32)
	if err != nil {
		return nil, fmt.Errorf("new vault: %w", err)
	}
	macKey, err := hkdf.Key(sha256.New, key, nil, "tkm nik lookup", 32)
	if err != nil {
		return nil, fmt.Errorf("new vault: %w", err)
	}
	auditKey, err := hkdf.Key(sha256.New, key, nil, "tkm audit chain", 32)
	if err != nil {
		return nil, fmt.Errorf("new vault: %w", err)
	}
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, fmt.Errorf("new vault: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("new vault: %w", err)
	}
	return &Vault{aead: aead, mac: macKey, audit: auditKey}, nil
}

// NewKey returns a fresh random secret key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	rand.Read(k) // never fails (crypto/rand, Go 1.24+)
	return k
}

// Seal encrypts a NIK; the result holds a random nonce and differs every call.
func (v *Vault) Seal(nik string) []byte {
	nonce := make([]byte, v.aead.NonceSize(), v.aead.NonceSize()+len(nik)+v.aead.Overhead())
	rand.Read(nonce)
	return v.aead.Seal(nonce, nonce, []byte(nik), []byte("nik"))
}

// Open decrypts what Seal made with the same key.
func (v *Vault) Open(sealed []byte) (string, error) {
	n := v.aead.NonceSize()
	if len(sealed) < n {
		return "", errors.New("open nik: too short")
	}
	p, err := v.aead.Open(nil, sealed[:n], sealed[n:], []byte("nik"))
	if err != nil {
		return "", fmt.Errorf("open nik: %w", err)
	}
	return string(p), nil
}

// Hash returns the keyed hash of a NIK, the same for the same NIK and key.
func (v *Vault) Hash(nik string) []byte {
	h := hmac.New(sha256.New, v.mac)
	h.Write([]byte(nik))
	return h.Sum(nil)
}

// AuditMAC returns the keyed hash that chains audit entries: without the
// key, nobody can rewrite the log and make the chain fit again.
func (v *Vault) AuditMAC(data []byte) []byte {
	h := hmac.New(sha256.New, v.audit)
	h.Write(data)
	return h.Sum(nil)
}
