package authserver

import (
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/authlab/authlab/app/naivelab"
)

// VulnerableHeader marks every answer of the attack lab's endpoints, which
// accept forged tokens on purpose.
const VulnerableHeader = "Authlab-Deliberately-Vulnerable"

// labTag groups the lab's routes in the OpenAPI document.
const labTag = "deliberately vulnerable"

// labState is the lab, read once per isolate. It holds the lab's own
// keys only: nothing of the server's keys, store or sessions, so that
// nothing the lab accepts is worth anything anywhere else.
type labState struct {
	once sync.Once
	lab  *naivelab.Lab
	err  error
}

func (s *Server) theLab() (*naivelab.Lab, error) {
	s.lab.once.Do(func() { s.lab.lab, s.lab.err = naivelab.New(s.cfg.Now) })
	return s.lab.lab, s.lab.err
}

// labRoute wraps a lab handler: the lab's header on every answer, and the
// lab's keys ready.
func (s *Server) labRoute(h func(http.ResponseWriter, *http.Request, *naivelab.Lab)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(VulnerableHeader, "true")
		l, err := s.theLab()
		if err != nil {
			writeError(w, err)
			return
		}
		h(w, r, l)
	}
}

// labKeys publishes the lab's public keys as an attacker finds them: the
// RSA key as PEM, the EC key as a JWK.
func (s *Server) labKeys(w http.ResponseWriter, r *http.Request, l *naivelab.Lab) {
	writeJSON(w, http.StatusOK, map[string]any{"keys": l.PublicKeys()})
}

// labTokens issues the lab's sample tokens, signed with the lab's keys.
func (s *Server) labTokens(w http.ResponseWriter, r *http.Request, l *naivelab.Lab) {
	toks, err := l.Tokens()
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"tokens": toks, "issuer": naivelab.Issuer, "audience": naivelab.Audience})
}

// labNaive runs the naive endpoint named in the path on the Bearer token
// and answers what it, wrongly or not, decided.
func (s *Server) labNaive(w http.ResponseWriter, r *http.Request, l *naivelab.Lab) {
	tok, err := bearerToken(r)
	if err != nil {
		s.challenge(w, err)
		return
	}
	claims, e, err := l.Verify(r.PathValue("attack"), tok)
	switch {
	case errors.Is(err, naivelab.ErrUnknown):
		writeError(w, fmt.Errorf("%w: %v", ErrNotFound, err))
	case err != nil:
		s.challenge(w, wrapInvalidToken(err))
	default:
		writeJSON(w, http.StatusOK, map[string]any{
			"accepted": true, "endpoint": e.Name, "mistake": e.Mistake, "reference": e.Section, "claims": claims,
		})
	}
}
