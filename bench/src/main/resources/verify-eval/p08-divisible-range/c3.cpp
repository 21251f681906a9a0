#include <bits/stdc++.h>
using namespace std;
int main() {
    int q; scanf("%d", &q);
    while (q--) {
        long long a, b, k; scanf("%lld %lld %lld", &a, &b, &k);
        printf("%lld\n", b / k - (a - 1) / k);
    }
}
