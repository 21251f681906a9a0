#include <bits/stdc++.h>
using namespace std;
int main() {
    int n; long long m; scanf("%d %lld", &n, &m);
    long long pos = 0;
    for (int i = 0; i < n; i++) { long long d; scanf("%lld", &d); pos = (pos + d) % m; }
    printf("%lld\n", pos);
}
