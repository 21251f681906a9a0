import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 67 + len(size))
n = {'small': random.randint(1, 9), 'medium': 100, 'max': 1000}[size]
nums = [random.randint(0, 1000 if size != 'small' else 9) for _ in range(n)]
if random.random() < 0.6 and n > 2:
    nums[0] = nums[-1] = 1000
print('nums = [%s]' % ','.join(map(str, nums)))
