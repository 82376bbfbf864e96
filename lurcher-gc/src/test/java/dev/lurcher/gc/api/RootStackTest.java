package dev.lurcher.gc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootStackTest {
  private final RootStack stack = new RootStack();

  @Test
  void pushReturnsSlotIndicesAndGetSetPopWork() {
    assertThat(stack.size()).isZero();
    assertThat(stack.push(10)).isZero();
    assertThat(stack.push(20)).isEqualTo(1);
    assertThat(stack.push(30)).isEqualTo(2);
    assertThat(stack.size()).isEqualTo(3);
    assertThat(stack.get(1)).isEqualTo(20);
    stack.set(1, 21);
    assertThat(stack.get(1)).isEqualTo(21);
    assertThat(stack.pop()).isEqualTo(30);
    assertThat(stack.pop()).isEqualTo(21);
    assertThat(stack.size()).isEqualTo(1);
  }

  @Test
  void growsBeyondItsInitialCapacity() {
    for (int i = 0; i < 10_000; i++) {
      assertThat(stack.push(i * 16L)).isEqualTo(i);
    }
    for (int i = 0; i < 10_000; i++) {
      assertThat(stack.get(i)).isEqualTo(i * 16L);
    }
    assertThat(stack.size()).isEqualTo(10_000);
  }

  @Test
  void popOfAnEmptyStack() {
    assertThatThrownBy(stack::pop)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("empty");
    stack.push(1);
    stack.pop();
    assertThatThrownBy(stack::pop).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void getAndSetOutsideTheUsedSlots() {
    assertThatThrownBy(() -> stack.get(0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("root slot 0")
        .hasMessageContaining("[0, 0)");
    stack.push(5);
    stack.push(6);
    assertThatThrownBy(() -> stack.get(2))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("root slot 2")
        .hasMessageContaining("[0, 2)");
    assertThatThrownBy(() -> stack.get(-1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("root slot -1");
    assertThatThrownBy(() -> stack.set(2, 0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("root slot 2");
    assertThatThrownBy(() -> stack.set(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    // a slot below the capacity but above the top is not in use either
    stack.pop();
    assertThatThrownBy(() -> stack.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(stack.get(0)).isEqualTo(5);
  }

  @Test
  void markAndResetGiveHandleScopes() {
    stack.push(1);
    int outer = stack.mark();
    assertThat(outer).isEqualTo(1);
    stack.push(2);
    int inner = stack.mark();
    stack.push(3);
    stack.push(4);
    stack.reset(inner);
    assertThat(stack.size()).isEqualTo(2);
    assertThat(stack.get(1)).isEqualTo(2);
    stack.reset(outer);
    assertThat(stack.size()).isEqualTo(1);
    stack.reset(stack.mark()); // an empty scope
    assertThat(stack.size()).isEqualTo(1);
    stack.reset(0);
    assertThat(stack.size()).isZero();
  }

  @Test
  void resetDropsTheValuesSoTheyAreNotTracedAgain() {
    stack.push(16);
    int mark = stack.mark();
    stack.push(32);
    stack.push(48);
    stack.reset(mark);
    stack.push(0);
    stack.push(0);
    assertThat(stack.get(1)).isZero();
    assertThat(stack.get(2)).isZero();
  }

  @Test
  void resetOutsideTheStack() {
    stack.push(1);
    stack.push(2);
    assertThatThrownBy(() -> stack.reset(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mark 3")
        .hasMessageContaining("[0, 2]");
    assertThatThrownBy(() -> stack.reset(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mark -1");
    assertThat(stack.size()).isEqualTo(2);
    // a stale mark from a deeper scope is an error once the stack has shrunk below it
    int deep = stack.mark();
    stack.reset(0);
    assertThatThrownBy(() -> stack.reset(deep)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void traceVisitsEveryUsedSlotInOrderAndStoresBackTheResult() {
    stack.push(16);
    stack.push(0);
    stack.push(35); // a tagged immediate: the visitor decides, the stack just passes it on
    int mark = stack.mark();
    stack.push(64);
    stack.reset(mark); // dropped: not visited
    List<Long> seen = new ArrayList<>();
    stack.trace(
        new RootVisitor() {
          @Override
          public long visitValue(long value) {
            seen.add(value);
            return value + 1000;
          }

          @Override
          public void visitEdge(long edgeAddress) {
            throw new AssertionError("a root stack holds values, not edges");
          }
        });
    assertThat(seen).containsExactly(16L, 0L, 35L);
    assertThat(stack.get(0)).isEqualTo(1016);
    assertThat(stack.get(1)).isEqualTo(1000);
    assertThat(stack.get(2)).isEqualTo(1035);
    assertThat(stack.size()).isEqualTo(3);
  }
}
