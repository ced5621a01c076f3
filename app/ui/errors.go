package ui

import "errors"

var errNoClipboard = errors.New("this browser offers no clipboard to pages here")
