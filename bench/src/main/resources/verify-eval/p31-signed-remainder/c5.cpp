#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int n; long long m; cin >> n >> m;
    vector<long long> d(n);
    for (auto &x : d) cin >> x;
    long long total = accumulate(d.begin(), d.end(), 0LL);
    cout << total % m << '\n';
}
