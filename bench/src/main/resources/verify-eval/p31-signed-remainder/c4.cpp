#include <bits/stdc++.h>
using namespace std;
int main() {
    int n; long long m; scanf("%d %lld", &n, &m);
    long long s = 0;
    for (int i = 0; i < n; i++) { long long d; scanf("%lld", &d); s += d; }
    printf("%lld\n", ((s % m) + m) % m);
}
