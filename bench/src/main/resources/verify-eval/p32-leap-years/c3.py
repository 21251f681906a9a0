t = int(input())
for _ in range(t):
    a, b = map(int, input().split())
    first = (a + 3) // 4 * 4
    print(0 if first > b else (b - first) // 4 + 1)
