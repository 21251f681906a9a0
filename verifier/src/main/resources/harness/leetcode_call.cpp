
// ---- SynthSmith LeetCode call harness (C++17) ----
namespace ss_harness {

struct Value {
    enum Kind { NONE, BOOL, INT, REAL, STR, LIST } kind = NONE;
    bool b = false;
    long long i = 0;
    double d = 0;
    std::string s;
    std::vector<Value> items;
};

[[noreturn]] inline void fail(const std::string& why) {
    std::fprintf(stderr, "harness: %s\n", why.c_str());
    std::exit(1);
}

inline std::string trim(const std::string& t) {
    size_t a = 0, b = t.size();
    while (a < b && std::isspace((unsigned char) t[a])) a++;
    while (b > a && std::isspace((unsigned char) t[b - 1])) b--;
    return t.substr(a, b - a);
}

inline std::vector<std::string> pieces(const std::string& text) {
    std::vector<std::string> out;
    int depth = 0;
    char quote = 0;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); i++) {
        char c = text[i];
        if (quote) {
            if (c == '\\') i++;
            else if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{' || c == '(') {
            depth++;
        } else if (c == ']' || c == '}' || c == ')') {
            depth--;
        } else if ((c == ',' || c == '\n') && depth == 0) {
            out.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    out.push_back(text.substr(std::min(start, text.size())));
    std::vector<std::string> kept;
    for (auto& p : out) {
        std::string t = trim(p);
        if (!t.empty()) kept.push_back(t);
    }
    return kept;
}

inline void utf8(std::string& out, unsigned long cp) {
    if (cp < 0x80) out += (char) cp;
    else if (cp < 0x800) { out += (char) (0xC0 | (cp >> 6)); out += (char) (0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { out += (char) (0xE0 | (cp >> 12)); out += (char) (0x80 | ((cp >> 6) & 0x3F)); out += (char) (0x80 | (cp & 0x3F)); }
    else { out += (char) (0xF0 | (cp >> 18)); out += (char) (0x80 | ((cp >> 12) & 0x3F)); out += (char) (0x80 | ((cp >> 6) & 0x3F)); out += (char) (0x80 | (cp & 0x3F)); }
}

struct Parser {
    const std::string& t;
    size_t p = 0;
    bool ok = true;

    void ws() { while (p < t.size() && std::isspace((unsigned char) t[p])) p++; }

    bool word(const char* w) {
        size_t n = std::strlen(w);
        if (t.compare(p, n, w) == 0 && (p + n == t.size() || !(std::isalnum((unsigned char) t[p + n]) || t[p + n] == '_'))) {
            p += n;
            return true;
        }
        return false;
    }

    Value value() {
        Value v;
        ws();
        if (p >= t.size()) { ok = false; return v; }
        char c = t[p];
        if (c == '[' || c == '(') {
            char close = c == '[' ? ']' : ')';
            p++;
            v.kind = Value::LIST;
            ws();
            if (p < t.size() && t[p] == close) { p++; return v; }
            while (ok) {
                v.items.push_back(value());
                ws();
                if (p < t.size() && t[p] == ',') {
                    p++;
                    ws();
                    if (p < t.size() && t[p] == close) { p++; return v; }
                    continue;
                }
                if (p < t.size() && t[p] == close) { p++; return v; }
                ok = false;
            }
            return v;
        }
        if (c == '"' || c == '\'') {
            p++;
            v.kind = Value::STR;
            while (p < t.size() && t[p] != c) {
                if (t[p] == '\\' && p + 1 < t.size()) {
                    char e = t[p + 1];
                    p += 2;
                    switch (e) {
                        case 'n': v.s += '\n'; break;
                        case 't': v.s += '\t'; break;
                        case 'r': v.s += '\r'; break;
                        case 'b': v.s += '\b'; break;
                        case 'f': v.s += '\f'; break;
                        case '0': v.s += '\0'; break;
                        case 'u': {
                            if (p + 4 > t.size()) { ok = false; return v; }
                            unsigned long cp = std::stoul(t.substr(p, 4), nullptr, 16);
                            p += 4;
                            if (cp >= 0xD800 && cp < 0xDC00 && p + 6 <= t.size() && t[p] == '\\' && t[p + 1] == 'u') {
                                unsigned long lo = std::stoul(t.substr(p + 2, 4), nullptr, 16);
                                if (lo >= 0xDC00 && lo < 0xE000) { cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00); p += 6; }
                            }
                            utf8(v.s, cp);
                            break;
                        }
                        default: v.s += e;
                    }
                } else {
                    v.s += t[p++];
                }
            }
            if (p >= t.size()) { ok = false; return v; }
            p++;
            return v;
        }
        if (word("true") || word("True")) { v.kind = Value::BOOL; v.b = true; return v; }
        if (word("false") || word("False")) { v.kind = Value::BOOL; v.b = false; return v; }
        if (word("null") || word("None")) { v.kind = Value::NONE; return v; }
        size_t start = p;
        if (p < t.size() && (t[p] == '-' || t[p] == '+')) p++;
        bool real = false;
        while (p < t.size() && (std::isdigit((unsigned char) t[p]) || t[p] == '.' || t[p] == 'e' || t[p] == 'E'
                || ((t[p] == '-' || t[p] == '+') && (t[p - 1] == 'e' || t[p - 1] == 'E')))) {
            if (!std::isdigit((unsigned char) t[p])) real = true;
            p++;
        }
        std::string num = t.substr(start, p - start);
        if (num.empty() || num == "-" || num == "+") { ok = false; return v; }
        try {
            size_t used = 0;
            if (real) { v.kind = Value::REAL; v.d = std::stod(num, &used); }
            else { v.kind = Value::INT; v.i = std::stoll(num, &used); }
            if (used != num.size()) ok = false;
        } catch (...) {
            if (!real) {
                try { v.kind = Value::REAL; v.d = std::stod(num); } catch (...) { ok = false; }
            } else {
                ok = false;
            }
        }
        return v;
    }
};

inline Value parse(const std::string& text) {
    Parser parser{text};
    try {
        Value v = parser.value();
        parser.ws();
        if (parser.ok && parser.p == text.size()) return v;
    } catch (const std::exception&) {
    }
    Value raw;
    raw.kind = Value::STR;
    raw.s = text;
    return raw;
}

inline bool identifier(const std::string& s) {
    if (s.empty() || !(std::isalpha((unsigned char) s[0]) || s[0] == '_')) return false;
    for (char c : s) if (!(std::isalnum((unsigned char) c) || c == '_')) return false;
    return true;
}

inline std::vector<Value> arguments(const std::string& text, const std::vector<std::string>& names) {
    std::map<std::string, Value> named;
    std::deque<Value> positional;
    for (const std::string& piece : pieces(text)) {
        size_t eq = piece.find('=');
        if (eq != std::string::npos) {
            std::string name = trim(piece.substr(0, eq));
            std::string rest = piece.substr(eq + 1);
            if (identifier(name) && (rest.empty() || rest[0] != '=')) {
                named[name] = parse(trim(rest));
                continue;
            }
        }
        positional.push_back(parse(piece));
    }
    std::vector<Value> out;
    for (const std::string& n : names) {
        auto it = named.find(n);
        if (it != named.end()) { out.push_back(it->second); continue; }
        if (positional.empty()) fail("input names no value for parameter " + n);
        out.push_back(positional.front());
        positional.pop_front();
    }
    return out;
}

template <class T> struct Tag {};

inline long long integral(const Value& v) {
    if (v.kind == Value::INT) return v.i;
    if (v.kind == Value::REAL) return (long long) v.d;
    if (v.kind == Value::BOOL) return v.b;
    fail("expected an integer");
}

template <class T>
T convert(const Value& v, Tag<T>) {
    if constexpr (std::is_same_v<T, bool>) {
        if (v.kind == Value::BOOL) return v.b;
        return integral(v) != 0;
    } else if constexpr (std::is_same_v<T, char>) {
        if (v.kind == Value::STR && !v.s.empty()) return v.s[0];
        fail("expected a character");
    } else if constexpr (std::is_integral_v<T>) {
        return (T) integral(v);
    } else if constexpr (std::is_floating_point_v<T>) {
        if (v.kind == Value::REAL) return (T) v.d;
        return (T) integral(v);
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (v.kind == Value::STR) return v.s;
        fail("expected a string");
    } else {
        static_assert(sizeof(T) == 0, "the call harness cannot build this parameter type");
    }
}

template <class T>
std::vector<T> convert(const Value& v, Tag<std::vector<T>>) {
    if (v.kind != Value::LIST) fail("expected a list");
    std::vector<T> out;
    out.reserve(v.items.size());
    for (const Value& item : v.items) out.push_back(convert(item, Tag<T>{}));
    return out;
}

inline void print(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += (char) c;
                }
        }
    }
    out += '"';
}

inline void print(std::string& out, const char* s) { print(out, std::string(s)); }
inline void print(std::string& out, char c) { print(out, std::string(1, c)); }
inline void print(std::string& out, bool b) { out += b ? "true" : "false"; }

inline void print(std::string& out, double d) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.5f", d);
    out += buf;
}

inline void print(std::string& out, float f) { print(out, (double) f); }
inline void print(std::string& out, long double d) { print(out, (double) d); }

template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
void print(std::string& out, T n) {
    out += std::to_string(n);
}

template <class T>
void print(std::string& out, const std::vector<T>& v) {
    out += '[';
    bool first = true;
    for (auto&& x : v) {
        if (!first) out += ',';
        first = false;
        print(out, static_cast<T>(x));
    }
    out += ']';
}

inline std::vector<std::string> NAMES = {SS_PARAMETERS};

template <class R, class... A, class F, size_t... I>
void invoke(F&& f, const std::vector<Value>& args, std::index_sequence<I...>) {
    std::tuple<std::decay_t<A>...> values{convert(args[I], Tag<std::decay_t<A>>{})...};
    std::string out;
    if constexpr (std::is_void_v<R>) {
        f(std::forward<A>(std::get<I>(values))...);
        out = "null";
    } else {
        print(out, f(std::forward<A>(std::get<I>(values))...));
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fputc('\n', stdout);
}

template <class R, class... A, class F>
void run(F&& f, const std::vector<Value>& args) {
    if (sizeof...(A) != args.size()) {
        fail("the method takes " + std::to_string(sizeof...(A)) + " parameters, the signature names "
                + std::to_string(args.size()));
    }
    invoke<R, A...>(std::forward<F>(f), args, std::index_sequence_for<A...>{});
}

template <class S, class R, class... A>
void call(S& s, R (S::*m)(A...), const std::vector<Value>& args) {
    run<R, A...>([&](auto&&... a) -> R { return (s.*m)(std::forward<decltype(a)>(a)...); }, args);
}

template <class S, class R, class... A>
void call(S& s, R (S::*m)(A...) const, const std::vector<Value>& args) {
    run<R, A...>([&](auto&&... a) -> R { return (s.*m)(std::forward<decltype(a)>(a)...); }, args);
}

template <class S, class R, class... A>
void call(S&, R (*m)(A...), const std::vector<Value>& args) {
    run<R, A...>([&](auto&&... a) -> R { return m(std::forward<decltype(a)>(a)...); }, args);
}

}  // namespace ss_harness

int main() {
    std::ios::sync_with_stdio(false);
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    std::vector<ss_harness::Value> args = ss_harness::arguments(text, ss_harness::NAMES);
    auto* solution = new SS_CLASS();
    ss_harness::call(*solution, &SS_CLASS::SS_METHOD, args);
    std::fflush(stdout);
    return 0;
}
