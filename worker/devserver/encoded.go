package devserver

import (
	"context"
	"io"
	"net/http"
)

// Encoded is an answer read as it came over the wire: its body is not
// decoded, whatever its Content-Encoding says.
type Encoded struct {
	Status   int
	Encoding string // Content-Encoding, "" for none
	Vary     string
	Body     []byte
}

// GetEncoded asks url with the given Accept-Encoding (RFC 9110 §12.5.3)
// and returns the answer without undoing its content coding, so that a
// test can compare the body with the twin a build wrote.
func GetEncoded(ctx context.Context, url, acceptEncoding string) (Encoded, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Encoded{}, err
	}
	req.Header.Set("Accept-Encoding", acceptEncoding)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	res, err := client.Do(req)
	if err != nil {
		return Encoded{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return Encoded{}, err
	}
	return Encoded{Status: res.StatusCode, Encoding: res.Header.Get("Content-Encoding"), Vary: res.Header.Get("Vary"), Body: body}, nil
}
