;;; Splay: the Octane splay-tree workload. A splay tree (Sleator and Tarjan, top-down splaying) of
;;; SIZE nodes, each holding a payload tree of depth 5 (leaves: a 10-element vector and a string);
;;; each iteration makes MODS modifications: insert a node with a new random key, then remove the
;;; greatest key below it (or the new node itself if there is none). Keys come from the seeded
;;; random-fixnum!. At the end the tree must hold exactly SIZE nodes with increasing keys.
;;; Usage: NTHREADS SIZE MODS ITERATIONS. Prints "splay SIZE nodes ok".

(define-record-type node
  (make-node key value left right)
  node?
  (key node-key)
  (value node-value)
  (left node-left set-node-left!)
  (right node-right set-node-right!))

(define root #f)
(define payload-depth 5)
(define key-range 1000000000)

(define (payload depth tag)
  (if (= depth 0)
      (vector (list->vector (iota 10))
              (string-append "String for key " (number->string tag) " in leaf node"))
      (vector (payload (- depth 1) tag) (payload (- depth 1) tag))))

;; Top-down splay: afterwards the node with KEY, or the last node on its search path, is the root.
(define (splay! key)
  (when root
    (let ((dummy (make-node #f #f #f #f)))
      (let loop ((current root) (left dummy) (right dummy))
        (define (finish current)
          (set-node-right! left (node-left current))
          (set-node-left! right (node-right current))
          (set-node-left! current (node-right dummy))
          (set-node-right! current (node-left dummy))
          (set! root current))
        (cond
         ((< key (node-key current))
          (let ((l (node-left current)))
            (cond
             ((not l) (finish current))
             ((< key (node-key l))
              ;; Rotate right, then link right.
              (set-node-left! current (node-right l))
              (set-node-right! l current)
              (if (node-left l)
                  (begin (set-node-left! right l) (loop (node-left l) left l))
                  (finish l)))
             (else (set-node-left! right current) (loop l left current)))))
         ((> key (node-key current))
          (let ((r (node-right current)))
            (cond
             ((not r) (finish current))
             ((> key (node-key r))
              ;; Rotate left, then link left.
              (set-node-right! current (node-left r))
              (set-node-left! r current)
              (if (node-right r)
                  (begin (set-node-right! left r) (loop (node-right r) r right))
                  (finish r)))
             (else (set-node-right! left current) (loop r current right)))))
         (else (finish current)))))))

(define (insert! key value)
  (if (not root)
      (set! root (make-node key value #f #f))
      (begin
        (splay! key)
        (unless (= (node-key root) key)
          (let ((n (make-node key value #f #f)))
            (if (> key (node-key root))
                (begin (set-node-left! n root)
                       (set-node-right! n (node-right root))
                       (set-node-right! root #f))
                (begin (set-node-right! n root)
                       (set-node-left! n (node-left root))
                       (set-node-left! root #f)))
            (set! root n))))))

(define (remove! key)
  (splay! key)
  (unless (and root (= (node-key root) key))
    (error "splay: key not found" key))
  (if (not (node-left root))
      (set! root (node-right root))
      (let ((right (node-right root)))
        (set! root (node-left root))
        (splay! key)
        (set-node-right! root right))))

(define (find key)
  (and root (begin (splay! key) (and (= (node-key root) key) root))))

(define (find-max n)
  (if (node-right n) (find-max (node-right n)) n))

(define (find-greatest-less-than key)
  (and root
       (begin
         (splay! key)
         (cond ((< (node-key root) key) root)
               ((node-left root) (find-max (node-left root)))
               (else #f)))))

(define (insert-new-node!)
  (let loop ((key (random-fixnum! key-range)))
    (if (find key)
        (loop (random-fixnum! key-range))
        (begin (insert! key (payload payload-depth key)) key))))

(define (run-splay! mods)
  (do ((i 0 (+ i 1))) ((= i mods))
    (let* ((key (insert-new-node!))
           (greatest (find-greatest-less-than key)))
      (remove! (if greatest (node-key greatest) key)))))

;; The keys in order (Octane's exportKeys), checking each payload on the way.
(define (export-keys n acc)
  (if (not n)
      acc
      (begin
        (unless (= (vector-length (node-value n)) 2) (error "splay: payload damaged"))
        (export-keys (node-left n) (cons (node-key n) (export-keys (node-right n) acc))))))

(define (check-keys keys)
  (let loop ((keys keys) (count 0))
    (cond ((null? keys) count)
          ((and (pair? (cdr keys)) (>= (car keys) (cadr keys)))
           (error "splay: keys out of order" (car keys)))
          (else (loop (cdr keys) (+ count 1))))))

(lambda (nthreads size mods iterations)
  (do ((i 0 (+ i 1))) ((= i size)) (insert-new-node!))
  (do ((i 0 (+ i 1))) ((= i iterations)) (run-splay! mods))
  (let ((count (check-keys (export-keys root '()))))
    (unless (= count size) (error "splay: wrong node count" count))
    (display "splay ") (display count) (display " nodes ok") (newline)))
