import Testing
import Explorer
import CNcurses

/// The decoder's key and mouse constants must equal the ncurses header's (no terminal needed).
@Suite("ncurses constants")
struct RuntimeCursesConstantsTests {
    @Test func keyCodesMatchTheHeader() {
        #expect(CursesKeyCode.codeYes == KEY_CODE_YES)
        #expect(CursesKeyCode.down == KEY_DOWN)
        #expect(CursesKeyCode.up == KEY_UP)
        #expect(CursesKeyCode.left == KEY_LEFT)
        #expect(CursesKeyCode.right == KEY_RIGHT)
        #expect(CursesKeyCode.home == KEY_HOME)
        #expect(CursesKeyCode.backspace == KEY_BACKSPACE)
        #expect(CursesKeyCode.f0 + 1 == rerank_key_f(1))
        #expect(CursesKeyCode.f0 + 12 == rerank_key_f(12))
        #expect(CursesKeyCode.deleteCharacter == KEY_DC)
        #expect(CursesKeyCode.insertCharacter == KEY_IC)
        #expect(CursesKeyCode.scrollForward == KEY_SF)
        #expect(CursesKeyCode.scrollBackward == KEY_SR)
        #expect(CursesKeyCode.nextPage == KEY_NPAGE)
        #expect(CursesKeyCode.previousPage == KEY_PPAGE)
        #expect(CursesKeyCode.enter == KEY_ENTER)
        #expect(CursesKeyCode.keypadUpperLeft == KEY_A1)
        #expect(CursesKeyCode.keypadUpperRight == KEY_A3)
        #expect(CursesKeyCode.keypadLowerLeft == KEY_C1)
        #expect(CursesKeyCode.keypadLowerRight == KEY_C3)
        #expect(CursesKeyCode.backTab == KEY_BTAB)
        #expect(CursesKeyCode.end == KEY_END)
        #expect(CursesKeyCode.find == KEY_FIND)
        #expect(CursesKeyCode.select == KEY_SELECT)
        #expect(CursesKeyCode.shiftedEnd == KEY_SEND)
        #expect(CursesKeyCode.shiftedHome == KEY_SHOME)
        #expect(CursesKeyCode.shiftedLeft == KEY_SLEFT)
        #expect(CursesKeyCode.shiftedRight == KEY_SRIGHT)
        #expect(CursesKeyCode.mouse == KEY_MOUSE)
        #expect(CursesKeyCode.resize == KEY_RESIZE)
    }

    @Test func mouseMasksMatchTheHeader() {
        #expect(CursesMouseMask.button1Released == rerank_button1_released())
        #expect(CursesMouseMask.button1Pressed == rerank_button1_pressed())
        #expect(CursesMouseMask.button1Clicked == rerank_button1_clicked())
        #expect(CursesMouseMask.button4Pressed == rerank_button4_pressed())
        #expect(CursesMouseMask.button5Pressed == rerank_button5_pressed())
    }
}
