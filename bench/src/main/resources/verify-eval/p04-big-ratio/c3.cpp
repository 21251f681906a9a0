#include <bits/stdc++.h>
using namespace std;
int main() {
    int t; scanf("%d", &t);
    while (t--) {
        unsigned long long a, b, c; scanf("%llu %llu %llu", &a, &b, &c);
        __int128 q = (__int128)a * b / c;
        string s; if (q == 0) s = "0";
        while (q > 0) { s += char('0' + (int)(q % 10)); q /= 10; }
        reverse(s.begin(), s.end());
        printf("%s\n", s.c_str());
    }
}
