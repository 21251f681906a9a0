q = int(input())
for _ in range(q):
    a, b, k = map(int, input().split())
    first = (a + k - 1) // k * k
    print(0 if first > b else (b - first) // k + 1)
