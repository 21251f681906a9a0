n, K = map(int, input().split())
a = sorted(map(int, input().split()))
i, j, ans = 0, n - 1, 0
while i < j:
    s = a[i] + a[j]
    if s < K:
        i += 1
    elif s > K:
        j -= 1
    elif a[i] == a[j]:
        m = j - i + 1
        ans += m * (m - 1) // 2
        break
    else:
        ci = 1
        while i + ci < j and a[i + ci] == a[i]:
            ci += 1
        cj = 1
        while j - cj > i and a[j - cj] == a[j]:
            cj += 1
        ans += ci * cj
        i += ci
        j -= cj
print(ans)
