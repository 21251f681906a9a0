#include <bits/stdc++.h>
using namespace std;
int main() {
    int n, m; scanf("%d %d", &n, &m);
    int s = 0;
    for (int i = 0; i < n; i++) { int d; scanf("%d", &d); s += d; }
    printf("%d\n", ((s % m) + m) % m);
}
