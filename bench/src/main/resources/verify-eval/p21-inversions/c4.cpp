#include <bits/stdc++.h>
using namespace std;
int main() {
    int n; cin >> n;
    vector<int> a(n); for (auto &x : a) cin >> x;
    vector<int> s = a; sort(s.begin(), s.end()); s.erase(unique(s.begin(), s.end()), s.end());
    int m = s.size(); vector<int> bit(m + 1, 0);
    int ans = 0;
    for (int i = 0; i < n; i++) {
        int r = lower_bound(s.begin(), s.end(), a[i]) - s.begin() + 1;
        int le = 0; for (int j = r; j > 0; j -= j & -j) le += bit[j];
        ans += i - le;
        for (int j = r; j <= m; j += j & -j) bit[j]++;
    }
    cout << ans << endl;
}
