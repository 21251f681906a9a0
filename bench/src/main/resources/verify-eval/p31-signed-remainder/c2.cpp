#include <bits/stdc++.h>
using namespace std;
int main() {
    long long n, m; cin >> n >> m;
    long long s = 0;
    for (int i = 0; i < n; i++) { long long d; cin >> d; s += d; }
    cout << s % m << endl;
}
