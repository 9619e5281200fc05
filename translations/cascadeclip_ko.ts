<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>cascadeclip::ui::AnnotationDocument</name>
    <message>
        <source>%1: PNG encoding failed</source>
        <translation>%1: PNG 인코딩에 실패했습니다</translation>
    </message>
    <message>
        <source>%1: expected a %2x%3 16-bit single-channel PNG</source>
        <translation>%1: %2x%3 크기의 16비트 단일 채널 PNG가 필요합니다</translation>
    </message>
    <message>
        <source>%1: the saved annotation could not be read, so it is not overwritten</source>
        <translation>%1: 저장된 주석을 읽을 수 없어 덮어쓰지 않습니다</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: 폴더를 만들 수 없습니다</translation>
    </message>
    <message>
        <source>%1: unsupported version %2</source>
        <translation>%1: 지원하지 않는 버전 %2</translation>
    </message>
    <message>
        <source>%1: annotation is %2x%3 but the image is %4x%5</source>
        <translation>%1: 주석은 %2x%3이지만 이미지는 %4x%5입니다</translation>
    </message>
    <message>
        <source>%1: written by another program or window after this image was opened; not overwritten (reopen the image to see those masks)</source>
        <translation>%1: 이 이미지를 연 뒤 다른 프로그램이나 창에서 저장했으므로 덮어쓰지 않습니다 (그 마스크를 보려면 이미지를 다시 여십시오)</translation>
    </message>
    <message>
        <source>%1: &quot;nga&quot; must hold six numbers</source>
        <translation>%1: &quot;nga&quot;에는 숫자 6개가 있어야 합니다</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::ClassListModel</name>
    <message>
        <source>%1 (key %2, id %3)</source>
        <translation>%1 (키 %2, ID %3)</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1 (ID %2)</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::ExportDialog</name>
    <message>
        <source>the destination is read-only or you may not write there</source>
        <translation>대상 위치가 읽기 전용이거나 쓰기 권한이 없습니다</translation>
    </message>
    <message>
        <source>it would replace one of the images; choose another folder</source>
        <translation>내보내는 이미지 중 하나를 덮어쓰게 됩니다. 다른 폴더를 선택하십시오</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>디스크가 가득 찼습니다</translation>
    </message>
    <message>
        <source>the folder cannot be created</source>
        <translation>폴더를 만들 수 없습니다</translation>
    </message>
    <message>
        <source>two classes have the same colour (a colour export needs distinct colours)</source>
        <translation>두 클래스의 색상이 같습니다 (색상 내보내기에는 서로 다른 색상이 필요합니다)</translation>
    </message>
    <message>
        <source>it could not be written (see the details)</source>
        <translation>쓸 수 없습니다 (자세히 참조)</translation>
    </message>
    <message>
        <source>Export Annotations</source>
        <translation>주석 내보내기</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Index PNG (8-bit palette; 255 = unlabeled)</source>
        <translation>인덱스 PNG (8비트 팔레트, 255 = 레이블 없음)</translation>
    </message>
    <message>
        <source>NAME.png: pixel = class position in the panel, as VOC and MMSeg read it</source>
        <translation>NAME.png: 픽셀 값 = 패널에서 클래스의 위치 (VOC와 MMSeg가 읽는 방식)</translation>
    </message>
    <message>
        <source>Colour PNG with labelmap.txt and legend.json</source>
        <translation>labelmap.txt와 legend.json을 포함한 색상 PNG</translation>
    </message>
    <message>
        <source>NAME_color.png for people, with CVAT&apos;s labelmap.txt and a JSON legend</source>
        <translation>사람이 보기 위한 NAME_color.png (CVAT의 labelmap.txt와 JSON 범례 포함)</translation>
    </message>
    <message>
        <source>COCO JSON (RLE masks)</source>
        <translation>COCO JSON (RLE 마스크)</translation>
    </message>
    <message>
        <source>coco.json: one annotation per class present in an image; category id = class id + 1</source>
        <translation>coco.json: 이미지에 있는 클래스마다 주석 하나, 카테고리 ID = 클래스 ID + 1</translation>
    </message>
    <message>
        <source>Polygons where exact (RLE for regions with holes)</source>
        <translation>정확히 표현되면 다각형 (구멍이 있는 영역은 RLE)</translation>
    </message>
    <message>
        <source>labelme JSON (mask shapes)</source>
        <translation>labelme JSON (마스크 도형)</translation>
    </message>
    <message>
        <source>NAME.json for labelme, X-AnyLabeling and CVAT&apos;s LabelMe format</source>
        <translation>labelme, X-AnyLabeling 및 CVAT의 LabelMe 형식용 NAME.json</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Destination folder:</source>
        <translation>대상 폴더:</translation>
    </message>
    <message>
        <source>%v / %m images</source>
        <translation>이미지 %v / %m</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Exported “%1”</source>
        <translation>“%1” 내보냄</translation>
    </message>
    <message>
        <source>Export canceled. The files written so far are complete.</source>
        <translation>내보내기를 취소했습니다. 지금까지 쓴 파일은 온전합니다.</translation>
    </message>
    <message>
        <source>Current image</source>
        <translation>현재 이미지</translation>
    </message>
    <message>
        <source>Current image (%1)</source>
        <translation>현재 이미지 (%1)</translation>
    </message>
    <message numerus="yes">
        <source>All images of the project (%n image(s))</source>
        <translation>
            <numerusform>프로젝트의 모든 이미지 (%n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>Export To</source>
        <translation>내보낼 위치</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>There is nothing to export: no image has an annotation yet.</source>
        <translation>내보낼 것이 없습니다: 아직 주석이 있는 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>There is nothing to export: the project has no classes.</source>
        <translation>내보낼 것이 없습니다: 프로젝트에 클래스가 없습니다.</translation>
    </message>
    <message>
        <source>Exporting to “%1”…</source>
        <translation>“%1”(으)로 내보내는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to “%1”.</source>
        <translation>
            <numerusform>이미지 %n개를 “%1”(으)로 내보냈습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) without annotation were left out.</source>
        <translation>
            <numerusform>주석이 없는 이미지 %n개는 제외했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export “%1”: %2.</source>
        <translation>“%1”을(를) 내보낼 수 없습니다: %2.</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::ImageListModel</name>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Annotated</source>
        <translation>주석 있음</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>할 일</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::InspectorChart</name>
    <message>
        <source>Alt+click a pixel (or use the Inspect tool, I) to see how each level contributed to its scores.</source>
        <translation>픽셀을 Alt+클릭하면 (또는 검사 도구(I)를 사용하면) 각 레벨이 그 점수에 얼마나 기여했는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>b5</source>
        <translation>b5</translation>
    </message>
    <message>
        <source>b6</source>
        <translation>b6</translation>
    </message>
    <message>
        <source>b7</source>
        <translation>b7</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>편향</translation>
    </message>
    <message>
        <source>b8</source>
        <translation>b8</translation>
    </message>
    <message>
        <source>b9</source>
        <translation>b9</translation>
    </message>
    <message>
        <source>b10</source>
        <translation>b10</translation>
    </message>
    <message>
        <source>stage 3</source>
        <translation>3단계</translation>
    </message>
    <message>
        <source>Stage 1:</source>
        <translation>1단계:</translation>
    </message>
    <message>
        <source>Stage 2:</source>
        <translation>2단계:</translation>
    </message>
    <message>
        <source>p %1</source>
        <translation>p %1</translation>
    </message>
    <message>
        <source>ℓ %1</source>
        <translation>ℓ %1</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::InspectorPanel</name>
    <message>
        <source>Pin</source>
        <translation>고정</translation>
    </message>
    <message>
        <source>Keep this pixel in the list when the next one is inspected</source>
        <translation>다음 픽셀을 검사할 때도 이 픽셀을 목록에 남겨 둡니다</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Copy as CSV</source>
        <translation>CSV로 복사</translation>
    </message>
    <message>
        <source>Copy every listed pixel&apos;s per-class, per-stage and per-block values</source>
        <translation>목록의 모든 픽셀에 대해 클래스별, 단계별, 블록별 값을 복사합니다</translation>
    </message>
    <message>
        <source>x %1, y %2 · %3 (%4)%5</source>
        <translation>x %1, y %2 · %3 (%4)%5</translation>
    </message>
    <message>
        <source> · pinned</source>
        <translation> · 고정됨</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n pixel(s) as CSV</source>
        <translation>
            <numerusform>픽셀 %n개를 CSV로 복사했습니다</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::LevelView</name>
    <message>
        <source>Annotation</source>
        <translation>주석</translation>
    </message>
    <message>
        <source>Stage 1 (blocks 5–7)</source>
        <translation>1단계 (블록 5–7)</translation>
    </message>
    <message>
        <source>Stage 2 (blocks 8–10)</source>
        <translation>2단계 (블록 8–10)</translation>
    </message>
    <message>
        <source>Stage 3 (final block)</source>
        <translation>3단계 (마지막 블록)</translation>
    </message>
    <message>
        <source>Fused</source>
        <translation>융합</translation>
    </message>
    <message>
        <source>All four levels</source>
        <translation>네 레벨 모두</translation>
    </message>
    <message>
        <source> View </source>
        <translation> 보기 </translation>
    </message>
    <message>
        <source>Show the annotation, one level of the cascade, or all four side by side. The level views are read-only; click with Alt (or the Inspect tool) to inspect a pixel.</source>
        <translation>주석, 캐스케이드의 한 레벨, 또는 네 레벨을 나란히 표시합니다. 레벨 보기는 읽기 전용이며, Alt를 누른 채 클릭하거나 검사 도구로 클릭하면 픽셀을 검사합니다.</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>Logit</source>
        <translation>로짓</translation>
    </message>
    <message>
        <source>Draw the level as a label map, or one class&apos;s probability or logit as a heatmap</source>
        <translation>레벨을 레이블 맵으로 그리거나, 한 클래스의 확률 또는 로짓을 히트맵으로 그립니다</translation>
    </message>
    <message>
        <source>Class of the heatmap</source>
        <translation>히트맵의 클래스</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>확률</translation>
    </message>
    <message>
        <source>logit</source>
        <translation>로짓</translation>
    </message>
    <message>
        <source>stage 1</source>
        <translation>1단계</translation>
    </message>
    <message>
        <source>stage 2</source>
        <translation>2단계</translation>
    </message>
    <message>
        <source>stage 3</source>
        <translation>3단계</translation>
    </message>
    <message>
        <source>fused</source>
        <translation>융합</translation>
    </message>
    <message>
        <source>%1
%2, %3</source>
        <extracomment>Keep the ASCII comma: the four-up panes show only what comes before it.</extracomment>
        <translation>%1
%2, %3</translation>
    </message>
    <message>
        <source>%1 — re-decoding…</source>
        <translation>%1 — 다시 디코딩하는 중…</translation>
    </message>
    <message>
        <source>%1 — run the model</source>
        <translation>%1 — 모델을 실행하십시오</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::MainWindow</name>
    <message>
        <source>Cascade-CLIP Studio</source>
        <translation>Cascade-CLIP Studio</translation>
    </message>
    <message>
        <source>No model configured</source>
        <translation>설정된 모델 없음</translation>
    </message>
    <message>
        <source>Welcome to Cascade-CLIP Studio</source>
        <translation>Cascade-CLIP Studio에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>Set Up Model…</source>
        <translation>모델 설정…</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>폴더 열기…</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>모델 없음</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>Add classes: sky, road, car</source>
        <translation>클래스 추가: sky, road, car</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Keys 1–9 pick a class. Double-click to rename; the check box marks classes seen in training.</source>
        <translation>1–9 키로 클래스를 선택합니다. 두 번 클릭하면 이름을 바꿀 수 있으며, 체크 상자는 학습된 클래스를 표시합니다.</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>위로 이동</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>아래로 이동</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>색상…</translation>
    </message>
    <message>
        <source>Change the colour of the class</source>
        <translation>클래스의 색상을 바꿉니다</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Remove the class from the list</source>
        <translation>목록에서 클래스를 제거합니다</translation>
    </message>
    <message>
        <source>From Model</source>
        <translation>모델에서</translation>
    </message>
    <message>
        <source>Add the classes the model was trained on, with their seen flags</source>
        <translation>모델이 학습한 클래스를 학습된 클래스 표시와 함께 추가합니다</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>가져오기…</translation>
    </message>
    <message>
        <source>Import class names from labels.txt</source>
        <translation>labels.txt에서 클래스 이름을 가져옵니다</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Export class names to labels.txt</source>
        <translation>클래스 이름을 labels.txt로 내보냅니다</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>로그</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>이미지 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>폴더 열기(&amp;F)…</translation>
    </message>
    <message>
        <source>Set Up &amp;Model…</source>
        <translation>모델 설정(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Could not save the annotations.</source>
        <translation>주석을 저장할 수 없습니다.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>저장됨</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>다음 이미지(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>이전 이미지(&amp;P)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Segment the image with the classes in the panel (Ctrl+Return)</source>
        <translation>패널의 클래스로 이미지를 분할합니다 (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop the running segmentation (Esc)</source>
        <translation>실행 중인 분할을 중지합니다 (Esc)</translation>
    </message>
    <message>
        <source>%v / %m windows</source>
        <translation>창 %v / %m</translation>
    </message>
    <message>
        <source> Threshold </source>
        <translation> 임계값 </translation>
    </message>
    <message>
        <source>Pixels whose best class scores below this are left unlabeled</source>
        <translation>최고 클래스 점수가 이 값보다 낮은 픽셀은 레이블 없음으로 남습니다</translation>
    </message>
    <message>
        <source> Opacity </source>
        <translation> 불투명도 </translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>마스크</translation>
    </message>
    <message>
        <source>Show or hide the mask (Ctrl+M)</source>
        <translation>마스크를 표시하거나 숨깁니다 (Ctrl+M)</translation>
    </message>
    <message>
        <source>Contours</source>
        <translation>윤곽선</translation>
    </message>
    <message>
        <source>Draw only the outlines of regions (Ctrl+Shift+M)</source>
        <translation>영역의 윤곽선만 그립니다 (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>도구</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>브러시</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>지우개</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>채우기</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>다각형</translation>
    </message>
    <message>
        <source>Subtract polygon</source>
        <translation>다각형 빼기</translation>
    </message>
    <message>
        <source>Brush radius in image pixels ([ and ])</source>
        <translation>이미지 픽셀 단위의 브러시 반지름 ([ 및 ])</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Smaller Brush</source>
        <translation>브러시 작게</translation>
    </message>
    <message>
        <source>Larger Brush</source>
        <translation>브러시 크게</translation>
    </message>
    <message>
        <source>Only
unlabeled</source>
        <translation>레이블 없는
곳만</translation>
    </message>
    <message>
        <source>Paint only pixels that have no label yet</source>
        <translation>아직 레이블이 없는 픽셀에만 칠합니다</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>창에 맞추기(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>실제 크기(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>도구(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Cascade-CLIP Studio</source>
        <translation>Cascade-CLIP Studio 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About Cascade-CLIP Studio</source>
        <translation>Cascade-CLIP Studio 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cascade-CLIP Studio %1&lt;/b&gt;&lt;p&gt;Zero-shot semantic segmentation with Cascade-CLIP.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;&lt;pre&gt;%3&lt;/pre&gt;</source>
        <translation>&lt;b&gt;Cascade-CLIP Studio %1&lt;/b&gt;&lt;p&gt;Cascade-CLIP을 이용한 제로샷 시맨틱 분할.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;&lt;pre&gt;%3&lt;/pre&gt;</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>이미지 열기</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>폴더 열기</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>모델 불러오는 중…</translation>
    </message>
    <message>
        <source>Loading model “%1”…</source>
        <translation>모델 “%1” 불러오는 중…</translation>
    </message>
    <message>
        <source>Model: %1 (%2)</source>
        <translation>모델: %1 (%2)</translation>
    </message>
    <message>
        <source>Model ready</source>
        <translation>모델 준비됨</translation>
    </message>
    <message>
        <source>Could not load the model “%1”: %2.</source>
        <translation>모델 “%1”을(를) 불러올 수 없습니다: %2.</translation>
    </message>
    <message>
        <source>Could not open “%1”: it is not an image this program can read.</source>
        <translation>“%1”을(를) 열 수 없습니다: 이 프로그램이 읽을 수 있는 이미지가 아닙니다.</translation>
    </message>
    <message>
        <source>Could not open the folder “%1”: it does not exist.</source>
        <translation>폴더 “%1”을(를) 열 수 없습니다: 존재하지 않습니다.</translation>
    </message>
    <message>
        <source>Could not open the project in “%1”: its project file is unreadable.</source>
        <translation>“%1”의 프로젝트를 열 수 없습니다: 프로젝트 파일을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>The folder “%1” contains no images this program can read.</source>
        <translation>폴더 “%1”에 이 프로그램이 읽을 수 있는 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>Could not open “%1”: %2.</source>
        <translation>“%1”을(를) 열 수 없습니다: %2.</translation>
    </message>
    <message>
        <source>The saved annotation of “%1” could not be read. It is kept as it is and will not be overwritten.</source>
        <translation>“%1”의 저장된 주석을 읽을 수 없습니다. 그대로 보존되며 덮어쓰지 않습니다.</translation>
    </message>
    <message>
        <source>Those classes are already in the list</source>
        <translation>해당 클래스는 이미 목록에 있습니다</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>클래스: %1</translation>
    </message>
    <message>
        <source>Class Colour</source>
        <translation>클래스 색상</translation>
    </message>
    <message>
        <source>Import Labels</source>
        <translation>레이블 가져오기</translation>
    </message>
    <message>
        <source>Label lists (*.txt);;All files (*)</source>
        <translation>레이블 목록 (*.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Could not import “%1”.</source>
        <translation>“%1”을(를) 가져올 수 없습니다.</translation>
    </message>
    <message>
        <source>Export Labels</source>
        <translation>레이블 내보내기</translation>
    </message>
    <message>
        <source>Label lists (*.txt)</source>
        <translation>레이블 목록 (*.txt)</translation>
    </message>
    <message>
        <source>Could not export “%1”.</source>
        <translation>“%1”을(를) 내보낼 수 없습니다.</translation>
    </message>
    <message>
        <source>Open an image or a folder first (Ctrl+O / Ctrl+U).</source>
        <translation>먼저 이미지나 폴더를 여십시오 (Ctrl+O / Ctrl+U).</translation>
    </message>
    <message>
        <source>The model is still loading. Run again when the status bar shows it is ready.</source>
        <translation>모델을 아직 불러오는 중입니다. 상태 표시줄에 준비되었다고 표시되면 다시 실행하십시오.</translation>
    </message>
    <message>
        <source>No model is loaded. Use “Set Up Model…” to choose a model bundle.</source>
        <translation>불러온 모델이 없습니다. “모델 설정…”으로 모델 번들을 선택하십시오.</translation>
    </message>
    <message>
        <source>Type at least one class name in the Classes panel, then run again.</source>
        <translation>클래스 패널에 클래스 이름을 하나 이상 입력한 다음 다시 실행하십시오.</translation>
    </message>
    <message>
        <source>Segmenting “%1”…</source>
        <translation>“%1” 분할 중…</translation>
    </message>
    <message>
        <source>Could not segment “%1”: %2.</source>
        <translation>“%1”을(를) 분할할 수 없습니다: %2.</translation>
    </message>
    <message>
        <source>result is %1x%2, image is %3x%4</source>
        <translation>결과는 %1x%2, 이미지는 %3x%4입니다</translation>
    </message>
    <message numerus="yes">
        <source>Segment with %n class(es)</source>
        <translation>
            <numerusform>클래스 %n개로 분할</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Segmented “%1” (%n window(s))</source>
        <translation>
            <numerusform>“%1” 분할 완료 (창 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>the model file was not found</source>
        <translation>모델 파일을 찾을 수 없습니다</translation>
    </message>
    <message>
        <source>the model file is damaged or is not a Cascade-CLIP model bundle</source>
        <translation>모델 파일이 손상되었거나 Cascade-CLIP 모델 번들이 아닙니다</translation>
    </message>
    <message>
        <source>the image could not be read</source>
        <translation>이미지를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>the request is not valid</source>
        <translation>요청이 올바르지 않습니다</translation>
    </message>
    <message>
        <source>there is not enough memory</source>
        <translation>메모리가 부족합니다</translation>
    </message>
    <message>
        <source>the compute device is not available</source>
        <translation>연산 장치를 사용할 수 없습니다</translation>
    </message>
    <message>
        <source>a file could not be read or written</source>
        <translation>파일을 읽거나 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>an internal error occurred</source>
        <translation>내부 오류가 발생했습니다</translation>
    </message>
    <message>
        <source>Add a class and select it to paint with it.</source>
        <translation>칠하려면 클래스를 추가하고 선택하십시오.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Paint %1</source>
        <translation>%1 칠하기</translation>
    </message>
    <message>
        <source>Add a class and select it to fill with it.</source>
        <translation>채우려면 클래스를 추가하고 선택하십시오.</translation>
    </message>
    <message>
        <source>Fill %1</source>
        <translation>%1 채우기</translation>
    </message>
    <message>
        <source>Add a class and select it to draw polygons with it.</source>
        <translation>다각형을 그리려면 클래스를 추가하고 선택하십시오.</translation>
    </message>
    <message>
        <source>Subtract polygon from %1</source>
        <translation>%1에서 다각형 빼기</translation>
    </message>
    <message>
        <source>Polygon %1</source>
        <translation>%1 다각형</translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation>레이블 없음</translation>
    </message>
    <message>
        <source>removed class %1</source>
        <translation>제거된 클래스 %1</translation>
    </message>
    <message>
        <source>x %1  y %2  ·  %3  (score %4)</source>
        <translation>x %1  y %2  ·  %3  (점수 %4)</translation>
    </message>
    <message>
        <source>x %1  y %2  ·  %3</source>
        <translation>x %1  y %2  ·  %3</translation>
    </message>
    <message>
        <source>No model is configured yet. Set up a model bundle, or import OpenAI&apos;s ViT-B-16.pt together with an official Cascade-CLIP checkpoint, then open an image or a folder and type the class names you want.</source>
        <translation>아직 설정된 모델이 없습니다. 모델 번들을 설정하거나, OpenAI의 ViT-B-16.pt와 공식 Cascade-CLIP 체크포인트를 함께 가져온 다음, 이미지나 폴더를 열고 원하는 클래스 이름을 입력하십시오.</translation>
    </message>
    <message>
        <source>The model is ready. Open an image (Ctrl+O) or a folder of images (Ctrl+U), type the class names you want in the Classes panel, and press Run.</source>
        <translation>모델이 준비되었습니다. 이미지(Ctrl+O)나 이미지 폴더(Ctrl+U)를 열고, 클래스 패널에 원하는 클래스 이름을 입력한 다음 실행을 누르십시오.</translation>
    </message>
    <message>
        <source>%1 — %2 — Cascade-CLIP Studio</source>
        <translation>%1 — %2 — Cascade-CLIP Studio</translation>
    </message>
    <message>
        <source>Could not save the project file.</source>
        <translation>프로젝트 파일을 저장할 수 없습니다.</translation>
    </message>
    <message>
        <source>Could not save the annotation of “%1”.</source>
        <translation>“%1”의 주석을 저장할 수 없습니다.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Could not re-decode “%1”: %2.</source>
        <translation>“%1”을(를) 다시 디코딩할 수 없습니다: %2.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to “%1”</source>
        <translation>
            <numerusform>이미지 %n개를 “%1”(으)로 내보냈습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>레벨</translation>
    </message>
    <message>
        <source>NGA Weights</source>
        <translation>NGA 가중치</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>검사기</translation>
    </message>
    <message>
        <source>Could not inspect the pixel: %1.</source>
        <translation>픽셀을 검사할 수 없습니다: %1.</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>검사</translation>
    </message>
    <message>
        <source>Inspect: click a pixel to see each level&apos;s share of its scores (I; Alt+click with any tool)</source>
        <translation>검사: 픽셀을 클릭하면 그 점수에 대한 각 레벨의 기여도를 봅니다 (I, 어느 도구에서나 Alt+클릭)</translation>
    </message>
    <message>
        <source>Press Run to segment this image with these NGA weights</source>
        <translation>이 NGA 가중치로 이미지를 분할하려면 실행을 누르십시오</translation>
    </message>
    <message>
        <source>Press Run to see the levels of this image</source>
        <translation>이 이미지의 레벨을 보려면 실행을 누르십시오</translation>
    </message>
    <message>
        <source>Change NGA weights</source>
        <translation>NGA 가중치 변경</translation>
    </message>
    <message>
        <source>Run the model on this image first: the inspector reads the features it cached.</source>
        <translation>먼저 이 이미지에서 모델을 실행하십시오: 검사기는 모델이 캐시한 특징을 읽습니다.</translation>
    </message>
    <message>
        <source>Inspecting x %1, y %2…</source>
        <translation>x %1, y %2 검사 중…</translation>
    </message>
    <message>
        <source>Remove Class</source>
        <translation>클래스 제거</translation>
    </message>
    <message numerus="yes">
        <source>“%1” labels %n pixel(s) of this image.</source>
        <translation>
            <numerusform>“%1”이(가) 이 이미지의 픽셀 %n개에 레이블되어 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Removing the class leaves its pixels unlabeled, in this image and in every other image it labels, when they are next saved. This cannot be undone.</source>
        <translation>클래스를 제거하면 이 이미지와 이 클래스가 레이블된 다른 모든 이미지에서 해당 픽셀이 다음 저장 때 레이블 없음이 됩니다. 되돌릴 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::MessageWidget</name>
    <message>
        <source>Details</source>
        <translation>자세히</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::ModelSetupDialog</name>
    <message>
        <source>Set Up Model</source>
        <translation>모델 설정</translation>
    </message>
    <message>
        <source>Model bundle</source>
        <translation>모델 번들</translation>
    </message>
    <message>
        <source>Bundle:</source>
        <translation>번들:</translation>
    </message>
    <message>
        <source>Model bundles (*.safetensors)</source>
        <translation>모델 번들 (*.safetensors)</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>불러오기</translation>
    </message>
    <message>
        <source>Import the official files</source>
        <translation>공식 파일 가져오기</translation>
    </message>
    <message>
        <source>CLIP ViT-B/16:</source>
        <translation>CLIP ViT-B/16:</translation>
    </message>
    <message>
        <source>OpenAI CLIP (*.pt);;All files (*)</source>
        <translation>OpenAI CLIP (*.pt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>ViT-B-16.pt from OpenAI</source>
        <translation>OpenAI의 ViT-B-16.pt</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>체크포인트:</translation>
    </message>
    <message>
        <source>Cascade-CLIP checkpoints (*.pth);;All files (*)</source>
        <translation>Cascade-CLIP 체크포인트 (*.pth);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>official Cascade-CLIP .pth</source>
        <translation>공식 Cascade-CLIP .pth</translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation>어휘:</translation>
    </message>
    <message>
        <source>CLIP vocabulary (*.txt.gz *.txt);;All files (*)</source>
        <translation>CLIP 어휘 (*.txt.gz *.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>%1 (default: next to the checkpoint or CLIP file)</source>
        <translation>%1 (기본값: 체크포인트나 CLIP 파일과 같은 폴더)</translation>
    </message>
    <message>
        <source>From the checkpoint&apos;s dataset</source>
        <translation>체크포인트의 데이터셋에 따름</translation>
    </message>
    <message>
        <source>Single: “a photo of a {}” (VOC)</source>
        <translation>단일: “a photo of a {}” (VOC)</translation>
    </message>
    <message>
        <source>Multi: 15 templates (Context, COCO)</source>
        <translation>다중: 템플릿 15개 (Context, COCO)</translation>
    </message>
    <message>
        <source>Templates:</source>
        <translation>템플릿:</translation>
    </message>
    <message>
        <source>From the checkpoint&apos;s config</source>
        <translation>체크포인트의 설정에 따름</translation>
    </message>
    <message>
        <source>Inductive (seen classes −0.1)</source>
        <translation>귀납적 (학습된 클래스 −0.1)</translation>
    </message>
    <message>
        <source>Transductive</source>
        <translation>변환적</translation>
    </message>
    <message>
        <source>Setting:</source>
        <translation>설정 방식:</translation>
    </message>
    <message>
        <source>All classes (cross-dataset)</source>
        <translation>모든 클래스 (교차 데이터셋)</translation>
    </message>
    <message>
        <source>These indices:</source>
        <translation>다음 인덱스:</translation>
    </message>
    <message>
        <source>0,1,2,…</source>
        <translation>0,1,2,…</translation>
    </message>
    <message>
        <source>Seen classes:</source>
        <translation>학습된 클래스:</translation>
    </message>
    <message>
        <source>Save bundle as:</source>
        <translation>번들 저장 위치:</translation>
    </message>
    <message>
        <source>NAME.safetensors</source>
        <translation>NAME.safetensors</translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation>가져오기 취소</translation>
    </message>
    <message>
        <source>Import and Load</source>
        <translation>가져와서 불러오기</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>런타임</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>자동 (가능하면 CUDA)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <source>CUDA (%n GPU(s))</source>
        <translation>
            <numerusform>CUDA (GPU %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>장치:</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>모든 코어</translation>
    </message>
    <message>
        <source>Threads the model uses on the CPU; applied when the model is loaded</source>
        <translation>모델이 CPU에서 사용하는 스레드 수입니다. 모델을 불러올 때 적용됩니다</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>스레드:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message numerus="yes">
        <source>Imported “%1” (%n tensor(s), %2 classes). Loading it…</source>
        <translation>
            <numerusform>“%1”을(를) 가져왔습니다 (텐서 %n개, 클래스 %2개). 불러오는 중…</numerusform>
        </translation>
    </message>
    <message>
        <source>Import canceled; no bundle was written.</source>
        <translation>가져오기를 취소했습니다. 번들은 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Choose a model bundle (.safetensors) to load.</source>
        <translation>불러올 모델 번들 (.safetensors)을 선택하십시오.</translation>
    </message>
    <message>
        <source>Could not load “%1”: the file does not exist.</source>
        <translation>“%1”을(를) 불러올 수 없습니다: 파일이 없습니다.</translation>
    </message>
    <message>
        <source>Choose the official Cascade-CLIP checkpoint (.pth) to import.</source>
        <translation>가져올 공식 Cascade-CLIP 체크포인트 (.pth)를 선택하십시오.</translation>
    </message>
    <message>
        <source>Could not import “%1”: the file does not exist.</source>
        <translation>“%1”을(를) 가져올 수 없습니다: 파일이 없습니다.</translation>
    </message>
    <message>
        <source>Choose where to save the new model bundle.</source>
        <translation>새 모델 번들을 저장할 위치를 선택하십시오.</translation>
    </message>
    <message>
        <source>Could not find CLIP&apos;s vocabulary %1: choose it in the Vocabulary field.</source>
        <translation>CLIP 어휘 %1을(를) 찾을 수 없습니다: 어휘 필드에서 선택하십시오.</translation>
    </message>
    <message>
        <source>“%1” is not a class index: give the seen classes as 0,1,2,…</source>
        <translation>“%1”은(는) 클래스 인덱스가 아닙니다: 학습된 클래스를 0,1,2,… 형식으로 입력하십시오</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>가져오는 중…</translation>
    </message>
    <message>
        <source>a file was not found</source>
        <translation>파일을 찾을 수 없습니다</translation>
    </message>
    <message>
        <source>it is not a file this import can read, or it is damaged</source>
        <translation>이 가져오기로 읽을 수 있는 파일이 아니거나 손상되었습니다</translation>
    </message>
    <message>
        <source>the settings do not fit the checkpoint</source>
        <translation>설정이 체크포인트와 맞지 않습니다</translation>
    </message>
    <message>
        <source>there is not enough memory</source>
        <translation>메모리가 부족합니다</translation>
    </message>
    <message>
        <source>a file could not be read or written</source>
        <translation>파일을 읽거나 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>an internal error occurred</source>
        <translation>내부 오류가 발생했습니다</translation>
    </message>
    <message>
        <source>Could not import “%1”: %2.</source>
        <translation>“%1”을(를) 가져올 수 없습니다: %2.</translation>
    </message>
    <message numerus="yes">
        <source>Found: CPU with %1 hardware threads; CUDA: %n GPU(s)</source>
        <translation>
            <numerusform>감지됨: 하드웨어 스레드 %1개의 CPU; CUDA: GPU %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Found: CPU with %1 hardware threads. No CUDA: %2.</source>
        <translation>감지됨: 하드웨어 스레드 %1개의 CPU. CUDA 없음: %2.</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::NgaPanel</name>
    <message>
        <source>Stage 1 (blocks 5–7)</source>
        <translation>1단계 (블록 5–7)</translation>
    </message>
    <message>
        <source>Stage 2 (blocks 8–10)</source>
        <translation>2단계 (블록 8–10)</translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation>블록 %1</translation>
    </message>
    <message>
        <source>Weight of block %1 in stage %2</source>
        <translation>%2단계 블록 %1의 가중치</translation>
    </message>
    <message>
        <source>Gaussian preset</source>
        <translation>가우스 프리셋</translation>
    </message>
    <message>
        <source>σ</source>
        <translation>σ</translation>
    </message>
    <message>
        <source>Width of the Gaussian: weight = exp(−d²/2σ²), d = blocks to the stage&apos;s last</source>
        <translation>가우스의 폭: 가중치 = exp(−d²/2σ²), d = 단계의 마지막 블록까지의 블록 수</translation>
    </message>
    <message>
        <source>Apply Gaussian</source>
        <translation>가우스 적용</translation>
    </message>
    <message>
        <source>Set both stages to exp(−d²/2σ²); moving σ afterwards updates them live</source>
        <translation>두 단계를 모두 exp(−d²/2σ²)로 설정합니다. 이후 σ를 움직이면 실시간으로 갱신됩니다</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>재설정</translation>
    </message>
    <message>
        <source>Back to the checkpoint&apos;s learned weights</source>
        <translation>체크포인트의 학습된 가중치로 되돌립니다</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>편집됨</translation>
    </message>
    <message>
        <source>Checkpoint weights</source>
        <translation>체크포인트 가중치</translation>
    </message>
    <message>
        <source>Checkpoint: %1, %2, %3 | %4, %5, %6</source>
        <translation>체크포인트: %1, %2, %3 | %4, %5, %6</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::SegmentationController</name>
    <message>
        <source>out of memory while loading the model</source>
        <translation>모델을 불러오는 중 메모리가 부족합니다</translation>
    </message>
    <message>
        <source>unknown exception while loading the model</source>
        <translation>모델을 불러오는 중 알 수 없는 예외가 발생했습니다</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>메모리 부족</translation>
    </message>
    <message>
        <source>unknown exception</source>
        <translation>알 수 없는 예외</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::i18n</name>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>The new language is used the next time Cascade-CLIP Studio starts.</source>
        <translation>새 언어는 Cascade-CLIP Studio를 다음에 시작할 때 적용됩니다.</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>시스템 기본값</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::project</name>
    <message>
        <source>unsupported project version %1</source>
        <translation>지원하지 않는 프로젝트 버전 %1</translation>
    </message>
    <message>
        <source>class id %1 out of range</source>
        <translation>클래스 ID %1이(가) 범위를 벗어났습니다</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Zero-shot semantic segmentation with Cascade-CLIP.</source>
        <translation>Cascade-CLIP을 이용한 제로샷 시맨틱 분할.</translation>
    </message>
    <message>
        <source>Show version, LibTorch, BLAS, threads and device.</source>
        <translation>버전, LibTorch, BLAS, 스레드 수와 장치를 표시합니다.</translation>
    </message>
    <message>
        <source>Show the main window and quit at once (an installation check).</source>
        <translation>기본 창을 표시한 뒤 바로 종료합니다 (설치 확인용).</translation>
    </message>
    <message>
        <source>An image, a folder of images or a project file to open.</source>
        <translation>열 이미지, 이미지 폴더 또는 프로젝트 파일.</translation>
    </message>
</context>
</TS>
