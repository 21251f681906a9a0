import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 53 + len(size))
n, hi = {'small': (random.randint(1, 8), 4), 'medium': (300, 3), 'max': (20000, 10)}[size]
nums = [random.randint(-hi, hi) for _ in range(n)]
if size == 'max':
    nums = [random.choice([-1, 1, 1, 0]) for _ in range(n)]
    for _ in range(40):
        nums[random.randrange(n)] = random.choice([-3, -2, 2, 3])
print('nums = [%s]' % ','.join(map(str, nums)))
