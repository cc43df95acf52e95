// Command baseline is the floor the generated server is measured against:
// the same endpoints over the same database with the least code that does
// the same work (one query, one JSON encoding) and nothing else: no
// middleware, no logging, no ETag, no validation beyond decoding.
//
//	GET  /customers/{id}      one indexed query by primary key
//	GET  /customers?limit=N   the default sort of the generated list
//	                          (created_at, id), limit+1 rows to learn whether
//	                          a next page exists, {"items":[...],"next_cursor":...}
//	POST /customers           uuid v7 id, created_at = updated_at = now,
//	                          INSERT ... RETURNING, 201 with the row
//	GET  /mem/customers/{id}  the row's JSON from an in-process map, filled
//	                          on first read from the database: the floor for
//	                          the generated cache feature
//
// DATABASE_URL is a SQLite file (file:/path.db, or a bare path) or a
// PostgreSQL URL (postgres:// or postgresql://), opened with the driver and
// pool sizes the generated app uses for that database.
//
//	PORT=8081 DATABASE_URL=file:/tmp/shop.db baseline
//	PORT=8081 DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop baseline
package main

import (
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// Same pragmas as the generated internal/db/db.gen.go, so both servers pay
// the same per-connection and per-query costs.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_txlock=immediate"

const columns = `id, name, email, phone, created_at, updated_at`

type customer struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Phone     *string   `json:"phone"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

type page struct {
	Items      []customer `json:"items"`
	NextCursor *string    `json:"next_cursor"`
}

type scanner interface{ Scan(dest ...any) error }

func scan(s scanner) (customer, error) {
	var c customer
	var phone sql.NullString
	if err := s.Scan(&c.ID, &c.Name, &c.Email, &phone, &c.CreatedAt, &c.UpdatedAt); err != nil {
		return c, err
	}
	if phone.Valid {
		c.Phone = &phone.String
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, nil
}

func main() {
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		log.Fatal("DATABASE_URL is required")
	}
	db, postgres := open(url)
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}
	// q rewrites ? placeholders as $1, $2, ... for PostgreSQL.
	q := func(s string) string {
		if !postgres {
			return s
		}
		var b strings.Builder
		n := 0
		for _, r := range s {
			if r == '?' {
				n++
				b.WriteString("$" + strconv.Itoa(n))
				continue
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	getSQL := q(`SELECT ` + columns + ` FROM customers WHERE id = ?`)
	listSQL := q(`SELECT ` + columns + ` FROM customers ORDER BY created_at, id LIMIT ?`)
	insertSQL := q(`INSERT INTO customers (` + columns + `) VALUES (?, ?, ?, ?, ?, ?) RETURNING ` + columns)

	writeJSON := func(w http.ResponseWriter, code int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(v)
	}
	// get reads one row; found is false (and the answer sent) otherwise.
	get := func(w http.ResponseWriter, r *http.Request) (c customer, found bool) {
		c, err := scan(db.QueryRowContext(r.Context(), getSQL, r.PathValue("id")))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			http.NotFound(w, r)
			return c, false
		case err != nil:
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return c, false
		}
		return c, true
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /customers/{id}", func(w http.ResponseWriter, r *http.Request) {
		if c, ok := get(w, r); ok {
			writeJSON(w, http.StatusOK, c)
		}
	})

	mux.HandleFunc("GET /customers", func(w http.ResponseWriter, r *http.Request) {
		limit := 20
		if s := r.URL.Query().Get("limit"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 100 {
				http.Error(w, "limit must be 1..100", http.StatusBadRequest)
				return
			}
			limit = n
		}
		rows, err := db.QueryContext(r.Context(), listSQL, limit+1)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		p := page{Items: make([]customer, 0, limit+1)}
		for rows.Next() {
			c, err := scan(rows)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			p.Items = append(p.Items, c)
		}
		if err := rows.Err(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if len(p.Items) > limit {
			// The same opaque keyset cursor as the generated pagination.
			p.Items = p.Items[:limit]
			last := p.Items[limit-1]
			b, _ := json.Marshal(struct {
				Sort  string `json:"s"`
				Value string `json:"v"`
				ID    string `json:"id"`
			}{"created_at", last.CreatedAt.Format(time.RFC3339Nano), last.ID})
			cursor := base64.RawURLEncoding.EncodeToString(b)
			p.NextCursor = &cursor
		}
		writeJSON(w, http.StatusOK, p)
	})

	mux.HandleFunc("POST /customers", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Name  string  `json:"name"`
			Email string  `json:"email"`
			Phone *string `json:"phone"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Name == "" || in.Email == "" {
			http.Error(w, "want a JSON body with name and email", http.StatusBadRequest)
			return
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		c, err := scan(db.QueryRowContext(r.Context(), insertSQL,
			uuid.Must(uuid.NewV7()).String(), in.Name, in.Email, in.Phone, now, now))
		if err != nil {
			code := http.StatusInternalServerError
			if s := err.Error(); strings.Contains(s, "UNIQUE") || strings.Contains(s, "23505") {
				code = http.StatusConflict
			}
			http.Error(w, err.Error(), code)
			return
		}
		w.Header().Set("Location", "/customers/"+c.ID)
		writeJSON(w, http.StatusCreated, c)
	})

	// The cache floor: a map lookup and a write of bytes encoded once.
	var mu sync.RWMutex
	mem := map[string][]byte{}
	mux.HandleFunc("GET /mem/customers/{id}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		mu.RLock()
		b, ok := mem[id]
		mu.RUnlock()
		if !ok {
			c, found := get(w, r)
			if !found {
				return
			}
			b, _ = json.Marshal(c)
			b = append(b, '\n')
			mu.Lock()
			mem[id] = b
			mu.Unlock()
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(b)
	})

	// Loopback only: this is a benchmark fixture, not a service.
	ln, err := net.Listen("tcp", "127.0.0.1:"+os.Getenv("PORT"))
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.Serve(ln, mux))
}

// open returns the database at url and whether it is PostgreSQL.
func open(url string) (*sql.DB, bool) {
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		db, err := sql.Open("pgx", url)
		if err != nil {
			log.Fatal(err)
		}
		// Same pool sizes as the generated app's PostgreSQL Open.
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		return db, true
	}
	path, query, _ := strings.Cut(strings.TrimPrefix(url, "file:"), "?")
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
	return db, false
}
