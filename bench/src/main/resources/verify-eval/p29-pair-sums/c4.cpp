#include <bits/stdc++.h>
using namespace std;
int main() {
    int n; long long K; scanf("%d %lld", &n, &K);
    unordered_map<long long, int> seen;
    int total = 0;
    for (int i = 0; i < n; i++) {
        long long x; scanf("%lld", &x);
        auto it = seen.find(K - x);
        if (it != seen.end()) total += it->second;
        seen[x]++;
    }
    printf("%d\n", total);
}
