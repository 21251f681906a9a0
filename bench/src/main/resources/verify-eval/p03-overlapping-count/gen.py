import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 13 + len(size))
n = {'small': random.randint(1, 10), 'medium': 2000, 'max': 200000}[size]
if size == 'max' and seed == 1:
    print('a' * n); print('a' * 1000); sys.exit()
alpha = 'ab' if seed != 3 else 'abc'
unit = ''.join(random.choice(alpha) for _ in range(random.randint(1, 3)))
s = (unit * n)[:n]
s = ''.join(c if random.random() < 0.9 else random.choice(alpha) for c in s)
m = random.randint(1, min(len(s), 6))
st = random.randint(0, len(s) - m)
print(s); print(s[st:st + m])
