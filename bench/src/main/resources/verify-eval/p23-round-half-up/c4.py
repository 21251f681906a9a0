n = int(input())
t = list(map(int, input().split()))
print(int(sum(t) / n + 0.5))
