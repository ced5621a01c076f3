package jot

import (
	"slices"
	"strings"
	"sync"

	"github.com/authlab/authlab/app/keys"
)

// Cache remembers tokens whose signature Verify has checked, as API
// gateways cache verified JWTs: a client sends the same access token with
// every request until it expires. A token found in the cache skips
// decoding, parsing and the signature check (RFC 7515 §5.2); the rest of
// RFC 7519 §7.2 runs on every use: the alg must still be allowed, the key
// that verified it must still be the one Keys resolves for the token, and
// the claims, times, iss and aud among them, are validated again.
//
// The cache is keyed by the whole compact token, so a hit needs the exact
// bytes that verified before. Only tokens whose signature verified and
// whose payload parsed are remembered; at most size of them, and when full
// the cache starts over. A Token that Verify returns from the cache shares
// its Header, Claims and Payload with every other use of the same token,
// which callers must therefore not modify. It is safe for concurrent use.
//
// The cache also remembers parsed headers, by their encoded segment: the
// tokens of one issuer and key share one header, so a token new to the
// cache is parsed without its header. Only the parse is remembered; every
// check of the header's content runs on every token. With a cache, Header
// is shared by every token with the same header segment.
type Cache struct {
	size    int
	mu      sync.Mutex
	tokens  map[string]*Token
	headers map[string]map[string]any
}

// cachedHeaders is how many distinct header segments a Cache remembers.
const cachedHeaders = 16

// NewCache returns a Cache of at most size tokens.
func NewCache(size int) *Cache {
	return &Cache{size: max(size, 1)}
}

// WithCache makes Verify look tokens up in c and remember the ones it
// verifies. It has no effect with WithSignatureOnly.
func WithCache(c *Cache) Option { return func(o *options) { o.cache = c } }

// Len reports how many tokens c holds.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.tokens)
}

func (c *Cache) get(token string) *Token {
	c.mu.Lock()
	t := c.tokens[token]
	c.mu.Unlock()
	return t
}

func (c *Cache) put(token string, t *Token) {
	c.mu.Lock()
	if c.tokens == nil || len(c.tokens) >= c.size {
		c.tokens = make(map[string]*Token, c.size)
	}
	c.tokens[token] = t
	c.mu.Unlock()
}

// header is parseHeader, through c's remembered headers when c is not nil.
func (c *Cache) header(segment string) (map[string]any, error) {
	if c == nil {
		return parseHeader(segment)
	}
	c.mu.Lock()
	h, ok := c.headers[segment]
	c.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := parseHeader(segment)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.headers == nil || len(c.headers) >= cachedHeaders {
		c.headers = make(map[string]map[string]any, cachedHeaders)
	}
	// A copy: the segment is part of a token, kept whole by its substring.
	c.headers[strings.Clone(segment)] = h
	c.mu.Unlock()
	return h, nil
}

// cached returns the remembered token as Verify would: nil when the token
// is not in the cache, or when its alg is no longer allowed or its key is
// no longer what ks resolves for it, so that Verify checks it afresh.
func (o *options) cached(token string, ks Keys) *Token {
	if o.cache == nil || o.jwsOnly {
		return nil
	}
	t := o.cache.get(token)
	if t == nil || o.algs != nil && !o.algs[t.Alg.Name] || !resolvesTo(t.Header, ks, t.Key) {
		return nil
	}
	copied := *t
	return &copied
}

// resolvesTo reports whether ks still gives k for a token with header.
func resolvesTo(header map[string]any, ks Keys, k *keys.Key) bool {
	if kid, has := header["kid"].(string); has {
		found, ok := ks.Lookup(kid)
		return ok && found == k
	}
	return slices.Contains(ks.Candidates(), k)
}
