n = int(input())
for _ in range(n):
    input()
print(*range(1, n + 1))
