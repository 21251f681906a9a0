n, q = map(int, input().split())
a = list(map(int, input().split()))
for _ in range(q):
    x = int(input())
    ans = n + 1
    for i in range(n):
        if a[i] >= x:
            ans = i + 1
            break
    print(ans)
