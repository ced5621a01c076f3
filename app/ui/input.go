package ui

import "github.com/authlab/authlab/app/ui/input"

// inputValue reads the value of the input, textarea or select whose event
// is being handled: input.Value, under the name the pages use.
var inputValue = input.Value
