t = int(input())
for _ in range(t):
    a, b = map(int, input().split())
    print(sum(1 for y in range(a, b + 1) if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)))
