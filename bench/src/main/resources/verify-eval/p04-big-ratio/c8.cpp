#include <bits/stdc++.h>
using namespace std;
int main() {
    int t; cin >> t;
    while (t--) {
        long long a, b, c; cin >> a >> b >> c;
        long double x = (long double)a * b / c;
        cout << (unsigned long long)floorl(x) << "\n";
    }
}
