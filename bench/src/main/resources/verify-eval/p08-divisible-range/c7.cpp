#include <bits/stdc++.h>
using namespace std;
int main() {
    int q; cin >> q;
    while (q--) {
        long long a, b, k; cin >> a >> b >> k;
        long long below = a == 0 ? -1 : (a - 1) / k;
        cout << b / k - below << '\n';
    }
}
