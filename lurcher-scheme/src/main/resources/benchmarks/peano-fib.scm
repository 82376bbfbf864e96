;;; Peano-fib: Fibonacci on Peano numerals. A numeral is a list: zero is (), the successor of n is
;;; (s . n); addition conses a fresh copy of its first argument onto the second, so the result of
;;; fib(N) is a list of fib(N) cells and most of them die young.
;;; Usage: NTHREADS N. Prints "peano-fib N = fib(N)".

(define zero '())
(define (succ n) (cons 's n))
(define (pred n) (cdr n))
(define (zero? n) (null? n))

(define (peano k) (if (= k 0) zero (succ (peano (- k 1)))))
(define (peano->fixnum n) (let loop ((n n) (k 0)) (if (zero? n) k (loop (pred n) (+ k 1)))))

;; Not tail recursive, as the textbook definition: a + b = succ((a - 1) + b).
(define (add a b) (if (zero? a) b (succ (add (pred a) b))))

(define (fib n)
  (cond ((zero? n) zero)
        ((zero? (pred n)) (succ zero))
        (else (add (fib (pred n)) (fib (pred (pred n)))))))

(lambda (nthreads n)
  (display "peano-fib ") (display n) (display " = ")
  (display (peano->fixnum (fib (peano n)))) (newline))
