import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 101 + len(size))
n, hi = {'small': (random.choice([2, 4, random.randint(1, 6)]), 9), 'medium': (1000, 10**6), 'max': (100000, 10**9)}[size]
t = [random.randint(-hi, hi) for _ in range(n)]
if n % 2 == 0 and random.random() < 0.7:
    s = sum(t)
    t[0] -= s % n - n // 2
    if abs(t[0]) > hi:
        t[0] = max(-hi, min(hi, t[0]))
print(n)
print(*t)
