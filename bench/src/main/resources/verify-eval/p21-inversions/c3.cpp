#include <bits/stdc++.h>
using namespace std;
int cnt = 0;
vector<int> a, tmp;
void sortc(int l, int r) {
    if (r - l < 2) return;
    int m = (l + r) / 2; sortc(l, m); sortc(m, r);
    int i = l, j = m, k = l;
    while (i < m && j < r) { if (a[i] <= a[j]) tmp[k++] = a[i++]; else { cnt += m - i; tmp[k++] = a[j++]; } }
    while (i < m) tmp[k++] = a[i++];
    while (j < r) tmp[k++] = a[j++];
    for (int t = l; t < r; t++) a[t] = tmp[t];
}
int main() {
    int n; scanf("%d", &n); a.resize(n); tmp.resize(n);
    for (auto &x : a) scanf("%d", &x);
    sortc(0, n);
    printf("%d\n", cnt);
}
