package naming

import "testing"

func TestNames(t *testing.T) {
	tests := []struct {
		in, oapi, sqlc, pascal, camel, kebab, pkg string
	}{
		{"customer_id", "CustomerID", "CustomerID", "CustomerID", "customerID", "customer-id", "customerid"},
		{"order_items", "OrderItems", "OrderItems", "OrderItems", "orderItems", "order-items", "orderitems"},
		{"api_url", "APIURL", "ApiUrl", "APIURL", "apiURL", "api-url", "apiurl"},
		{"type", "Type", "Type", "Type", "type_", "type", "typesvc"},
		{"2fa_code", "N2FaCode", "_2faCode", "X2faCode", "x2faCode", "2fa-code", "2facode"},
	}
	for _, tc := range tests {
		if got := OapiField(tc.in); got != tc.oapi {
			t.Errorf("OapiField(%q) = %q, want %q", tc.in, got, tc.oapi)
		}
		if got := SqlcField(tc.in); got != tc.sqlc {
			t.Errorf("SqlcField(%q) = %q, want %q", tc.in, got, tc.sqlc)
		}
		if got := Pascal(tc.in); got != tc.pascal {
			t.Errorf("Pascal(%q) = %q, want %q", tc.in, got, tc.pascal)
		}
		if got := Camel(tc.in); got != tc.camel {
			t.Errorf("Camel(%q) = %q, want %q", tc.in, got, tc.camel)
		}
		if got := Kebab(tc.in); got != tc.kebab {
			t.Errorf("Kebab(%q) = %q, want %q", tc.in, got, tc.kebab)
		}
		if got := Package(tc.in); got != tc.pkg {
			t.Errorf("Package(%q) = %q, want %q", tc.in, got, tc.pkg)
		}
	}
}

func TestInflection(t *testing.T) {
	for plural, single := range map[string]string{
		"orders": "order", "people": "person", "order_items": "order_item",
		"categories": "category", "addresses": "address", "statuses": "status",
	} {
		if got := Singular(plural); got != single {
			t.Errorf("Singular(%q) = %q, want %q", plural, got, single)
		}
		if got := Plural(single); got != plural {
			t.Errorf("Plural(%q) = %q, want %q", single, got, plural)
		}
	}
	if got := SqlcStruct("people"); got != "Person" {
		t.Errorf("SqlcStruct(people) = %q", got)
	}
}
