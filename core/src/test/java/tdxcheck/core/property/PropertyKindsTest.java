package tdxcheck.core.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic property kinds: Eventually's masks and builder limits, LivenessProperty's defaults, the kinds. */
class PropertyKindsTest {
    @Test
    void eventuallyMasksFollowItsOperations() {
        Eventually e = Eventually.builder("p", "d")
                .operation("a", s -> s[0] == 1, null)
                .operation("b", s -> s[1] == 1, (b, a, t) -> a == 7)
                .operation("c", s -> true, (b, a, t) -> t[0] == 2)
                .build();
        assertEquals("p", e.id());
        assertEquals("d", e.description());
        assertEquals(PropertyKind.LIVENESS, e.kind());
        assertEquals(3, e.operationCount());
        assertEquals(List.of("a", "b", "c"), List.of(e.operationName(0), e.operationName(1), e.operationName(2)));
        assertEquals(0b100, e.pendingMask(new long[] {0, 0}));
        assertEquals(0b101, e.pendingMask(new long[] {1, 0}));
        assertEquals(0b111, e.pendingMask(new long[] {1, 1}));
        assertEquals(0b010, e.progressMask(new long[] {0, 0}, 7, new long[] {0, 0}));
        assertEquals(0b110, e.progressMask(new long[] {0, 0}, 7, new long[] {2, 0}));
        assertEquals(0b100, e.progressMask(new long[] {0, 0}, 1, new long[] {2, 0}));
        assertEquals(0, e.progressMask(new long[] {0, 0}, 1, new long[] {0, 0}));
        assertFalse(e.symmetric(), "the default: not symmetric");
        assertEquals(2, e.permuteOperation(2, 0x10), "the default: operations do not move");
    }

    @Test
    void eventuallyNeedsOneToThirtyTwoOperations() {
        assertEquals("p: an eventually-property needs at least one operation",
                assertThrows(IllegalArgumentException.class, () -> Eventually.builder("p", "d").build()).getMessage());
        Eventually.Builder b = Eventually.builder("p", "d");
        for (int i = 0; i < 32; i++) {
            b.operation("o" + i, s -> true, null);
        }
        assertEquals(32, b.build().operationCount());
        assertEquals(0xFFFFFFFF, b.build().pendingMask(new long[1]));
        assertThrows(IllegalArgumentException.class, () -> b.operation("o32", s -> true, null));
    }

    @Test
    void kindsNameTheirCounterexample() {
        assertEquals(List.of("SAFETY", "SAFETY", "DEADLOCK", "LIVENESS"),
                List.of(PropertyKind.values()).stream().map(PropertyKind::counterexampleKind).toList());
        assertEquals(PropertyKind.DEADLOCK, DeadlockFreedom.standard().kind());
        assertEquals("no-deadlock", DeadlockFreedom.standard().id());
    }
}
