package app

// CustomConfig is configuration of your own, read from the environment with
// the generated settings and validated with them: a bad value stops the
// start, named by its variable. This file is yours: gobackend wrote it once
// and will never overwrite it. Add the variables to .env.example too.
//
// Config.LogValue logs CustomConfig only if it implements slog.LogValuer,
// so that a secret of yours is never logged by accident.
type CustomConfig struct {
	// PaymentsTimeout time.Duration // PAYMENTS_TIMEOUT
}

// loadCustomConfig reads CustomConfig through env (getenv, trimmed). parse
// applies a default and names the variable in its error.
func loadCustomConfig(env func(string) string) (CustomConfig, error) {
	var c CustomConfig
	// if err := parse(env, "PAYMENTS_TIMEOUT", &c.PaymentsTimeout, 10*time.Second, parseDuration); err != nil {
	// 	return c, err
	// }
	return c, nil
}
