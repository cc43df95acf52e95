// Command baseline is the floor the generated server is measured against:
// GET /customers/{id} over the same SQLite database with the least code that
// does the same work (one indexed query, one JSON encoding) and nothing else:
// no middleware, no logging, no ETag, no validation.
//
//	PORT=8081 DATABASE_URL=file:/tmp/shop.db baseline
package main

import (
	"database/sql"
	"encoding/json"
	"errors"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

// Same pragmas as the generated internal/db/db.gen.go, so both servers pay
// the same per-connection and per-query costs.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_txlock=immediate"

type customer struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Phone     *string   `json:"phone"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func main() {
	path, query, _ := strings.Cut(strings.TrimPrefix(os.Getenv("DATABASE_URL"), "file:"), "?")
	if path == "" {
		log.Fatal("DATABASE_URL is required")
	}
	if query != "" {
		query += "&"
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+query+sqlitePragmas)
	if err != nil {
		log.Fatal(err)
	}
	// Same pool size as the generated app.
	n := max(4, runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /customers/{id}", func(w http.ResponseWriter, r *http.Request) {
		var c customer
		var phone sql.NullString
		err := db.QueryRowContext(r.Context(),
			`SELECT id, name, email, phone, created_at, updated_at FROM customers WHERE id = ?`,
			r.PathValue("id"),
		).Scan(&c.ID, &c.Name, &c.Email, &phone, &c.CreatedAt, &c.UpdatedAt)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			http.NotFound(w, r)
			return
		case err != nil:
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if phone.Valid {
			c.Phone = &phone.String
		}
		c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(c)
	})

	// Loopback only: this is a benchmark fixture, not a service.
	ln, err := net.Listen("tcp", "127.0.0.1:"+os.Getenv("PORT"))
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.Serve(ln, mux))
}
