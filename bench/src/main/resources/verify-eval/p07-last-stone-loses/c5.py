t = int(input())
for _ in range(t):
    n, k = map(int, input().split())
    if n % (k + 1) == 0:
        print("Second")
    else:
        print("First")
